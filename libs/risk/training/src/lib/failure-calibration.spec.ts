import { correctRul, failureProbability, normalCdf } from '@hourglass/risk-model';
import { fitFailureCalibration, fitRulCorrection } from './failure-calibration-fit';
import { SeededRandom } from './seeded-random';

function gaussian(random: SeededRandom): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

describe('normalCdf', () => {
  it('matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });
});

describe('fitFailureCalibration', () => {
  const random = new SeededRandom(3);
  const predicted: number[] = [];
  const truth: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const p = random.next() * 125;
    predicted.push(p);
    truth.push(p + 2 + (2 + 0.1 * p) * gaussian(random));
  }
  const sut = fitFailureCalibration(predicted, truth, 'out-of-fold');

  it('recovers a residual bias and a spread growing with predicted RUL', () => {
    const at = (p: number) => sut.knots.findIndex((k) => k >= p);
    expect(sut.bias[at(60)]).toBeCloseTo(2, 0);
    expect(sut.sigma[at(10)]).toBeLessThan(sut.sigma[at(100)]);
    expect(sut.sigma[at(100)]).toBeGreaterThan(10);
  });

  it('gives probabilities that fall as the predicted RUL grows', () => {
    const probabilities = [0, 10, 20, 30, 40, 60, 100].map((p) => failureProbability(sut, p, 30));
    expect(probabilities[0]).toBeGreaterThan(0.99);
    expect(probabilities[6]).toBeLessThan(0.01);
    probabilities.slice(1).forEach((p, i) => expect(p).toBeLessThanOrEqual(probabilities[i]));
  });

  it('matches the simulated frequency of failure within the horizon', () => {
    const inBand = predicted.map((p, i) => i).filter((i) => predicted[i] > 20 && predicted[i] < 30);
    const observed = inBand.filter((i) => truth[i] < 29.5).length / inBand.length;
    const expected =
      inBand.reduce((s, i) => s + failureProbability(sut, predicted[i], 30), 0) / inBand.length;
    expect(Math.abs(observed - expected)).toBeLessThan(0.05);
  });
});

describe('fitRulCorrection', () => {
  // Late by 5 cycles below a predicted RUL of 50, early by 5 above it.
  const predicted = Array.from({ length: 2000 }, (_, i) => (i % 1000) / 8);
  const truth = predicted.map((p) => (p < 50 ? p - 5 : p + 5));
  const sut = fitRulCorrection(predicted, truth);

  it('moves late predictions earlier and leaves early ones alone', () => {
    expect(sut.method).toBe('late-bias');
    expect(sut.shift.every((s) => s <= 0)).toBe(true);
    expect(correctRul(sut, 20, 125)).toBeCloseTo(15, 6);
    expect(correctRul(sut, 100, 125)).toBeCloseTo(100, 6);
  });

  it('clips corrected predictions to [0, rulCap]', () => {
    expect(correctRul(sut, 2, 125)).toBe(0);
    expect(correctRul({ method: 'late-bias', knots: [0], shift: [0] }, 140, 125)).toBe(125);
  });
});
