import { phm08Penalty, phm08Score, rmse, rulTargets } from './rul-metrics';

describe('phm08Score', () => {
  it('penalises late predictions more than early ones of the same size', () => {
    expect(phm08Penalty(0)).toBe(0);
    expect(phm08Penalty(10)).toBeCloseTo(Math.E - 1, 12);
    expect(phm08Penalty(-13)).toBeCloseTo(Math.E - 1, 12);
    expect(phm08Penalty(5)).toBeGreaterThan(phm08Penalty(-5));
  });

  it('sums the penalties of d = predicted - true', () => {
    expect(phm08Score([110, 90, 100], [100, 103, 100])).toBeCloseTo(2 * (Math.E - 1), 12);
  });

  it('rejects unpaired inputs', () => {
    expect(() => phm08Score([1, 2], [1])).toThrow(RangeError);
    expect(() => rmse([], [])).toThrow(RangeError);
  });
});

describe('rmse', () => {
  it('is the root of the mean squared error', () => {
    expect(rmse([3, 0], [0, 4])).toBeCloseTo(Math.sqrt(12.5), 12);
  });
});

describe('rulTargets', () => {
  it('counts down to zero at the last row and is capped', () => {
    expect(Array.from(rulTargets(5, 3))).toEqual([3, 3, 2, 1, 0]);
    expect(rulTargets(300)[0]).toBe(125);
  });
});
