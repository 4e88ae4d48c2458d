import { backtestWarningPolicy, warningLeads } from './warning-backtest';

/** Probability 0 until `rul` cycles before failure, then `p` to the end. */
function history(length: number, riseAtRul: number, p = 0.9): number[] {
  return Array.from({ length }, (_, row) => (length - 1 - row <= riseAtRul ? p : 0));
}

describe('backtestWarningPolicy', () => {
  it('fires after the required consecutive rows and re-arms after a drop', () => {
    const probabilities = [0, 0.6, 0.6, 0.6, 0.6, 0.1, 0.7, 0.7, 0.7, 0];
    expect(warningLeads(probabilities, 0.5, 3)).toEqual([6, 1]);
    expect(warningLeads(probabilities, 0.5, 1)).toEqual([8, 3]);
    expect(warningLeads(probabilities, 0.8, 1)).toEqual([]);
  });

  it('reports detection, lead time, missed failures and false warnings per asset-year', () => {
    const units = [
      { id: 'a', probabilities: history(200, 40) }, // first warning 38 before failure
      { id: 'b', probabilities: history(200, 20) }, // 18 before
      { id: 'c', probabilities: history(100, 3) }, // fires 1 before: too late
      { id: 'd', probabilities: history(150, 0, 0) }, // never
      { id: 'e', probabilities: [...history(100, 99, 0.95).slice(0, 10), ...history(90, 30)] }, // false then 28
    ];
    const sut = backtestWarningPolicy(units, {
      thresholds: [0.5, 0.92],
      consecutive: 3,
      falseBeyond: 60,
      minLead: 5,
      cyclesPerYear: 750,
    });
    const [low, high] = sut.byThreshold;
    expect(sut.assetYears).toBeCloseTo(1, 12);
    expect(low).toMatchObject({
      units: 5,
      detected: 3,
      missed: 2,
      earlyFirstWarnings: 1,
      falseWarnings: 1,
    });
    expect(low.leadTime).toMatchObject({ count: 3, min: 18, median: 38, max: 97 });
    expect(low.falseWarningsPerAssetYear).toBeCloseTo(1, 12);
    expect(high).toMatchObject({ detected: 1, missed: 4, falseWarnings: 1 });
    expect(high.leadTime?.median).toBe(97);
  });

  it('has no lead time when nothing fires', () => {
    const sut = backtestWarningPolicy([{ id: 'a', probabilities: history(50, 0, 0) }], {
      thresholds: [0.5],
      falseBeyond: 10,
    });
    expect(sut.byThreshold[0]).toMatchObject({ detected: 0, missed: 1, leadTime: null });
  });

  it('uses stated time spans for the exposure', () => {
    const sut = backtestWarningPolicy([{ id: 'a', probabilities: history(50, 45), years: 0.5 }], {
      thresholds: [0.5],
      falseBeyond: 10,
      consecutive: 1,
    });
    expect(sut.assetYears).toBe(0.5);
    expect(sut.byThreshold[0]).toMatchObject({ falseWarnings: 1, falseWarningsPerAssetYear: 2 });
    expect(sut.byThreshold[0]).toMatchObject({ detected: 1, missed: 0, earlyFirstWarnings: 1 });
    expect(sut.byThreshold[0].leadTime?.median).toBe(45);
  });
});
