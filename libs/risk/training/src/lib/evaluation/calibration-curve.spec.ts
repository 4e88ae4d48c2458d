import { calibrationCurve } from './calibration-curve';

describe('calibrationCurve', () => {
  it('compares mean predicted probability with observed frequency per bin', () => {
    const probabilities = [0.02, 0.04, 0.31, 0.33, 0.35, 0.99];
    const events = [0, 0, 1, 0, 0, 1];
    const sut = calibrationCurve(probabilities, events, 10);
    expect(sut.bins.map((b) => [b.from, b.count])).toEqual([
      [0, 2],
      [0.3, 3],
      [0.9, 1],
    ]);
    expect(sut.bins[1].predicted).toBeCloseTo(0.33, 12);
    expect(sut.bins[1].observed).toBeCloseTo(1 / 3, 12);
    const brier = probabilities.reduce((s, p, i) => s + (p - events[i]) ** 2, 0) / 6;
    expect(sut.brier).toBeCloseTo(brier, 12);
    const ece = (2 / 6) * 0.03 + (3 / 6) * Math.abs(0.33 - 1 / 3) + (1 / 6) * 0.01;
    expect(sut.expectedCalibrationError).toBeCloseTo(ece, 12);
    expect(sut.baseRate).toBeCloseTo(2 / 6, 12);
  });

  it('puts probability 1 into the last bin and scores perfect forecasts as 0', () => {
    const sut = calibrationCurve([0, 1, 1], [0, 1, 1], 4);
    expect(sut.bins.map((b) => b.from)).toEqual([0, 0.75]);
    expect(sut.brier).toBe(0);
    expect(sut.expectedCalibrationError).toBe(0);
  });
});
