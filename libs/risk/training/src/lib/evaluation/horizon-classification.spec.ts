import { DEFAULT_THRESHOLDS, precisionRecallByThreshold } from './horizon-classification';

describe('precisionRecallByThreshold', () => {
  const probabilities = [0.9, 0.8, 0.6, 0.4, 0.2, 0.1];
  const events = [1, 1, 0, 1, 0, 0];

  it('counts flagged rows against events at each threshold', () => {
    const [half, high] = precisionRecallByThreshold(probabilities, events, [0.5, 0.85]);
    expect(half).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(half.precision).toBeCloseTo(2 / 3, 12);
    expect(half.recall).toBeCloseTo(2 / 3, 12);
    expect(high.precision).toBe(1);
    expect(high.recall).toBeCloseTo(1 / 3, 12);
    expect(high.f1).toBeCloseTo(0.5, 12);
  });

  it('has precision 1 and recall 0 when nothing is flagged', () => {
    const [none] = precisionRecallByThreshold(probabilities, events, [0.95]);
    expect([none.precision, none.recall, none.f1]).toEqual([1, 0, 0]);
  });

  it('sweeps 0.05 to 0.95 by default', () => {
    expect(DEFAULT_THRESHOLDS).toHaveLength(19);
    expect(DEFAULT_THRESHOLDS[0]).toBe(0.05);
    expect(DEFAULT_THRESHOLDS[18]).toBe(0.95);
  });
});
