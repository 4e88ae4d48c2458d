import { rulErrorByBucket } from './rul-error-buckets';

describe('rulErrorByBucket', () => {
  it('groups by true RUL and reports bias, MAE and RMSE per bucket', () => {
    const truth = [0, 5, 9, 10, 19, 160, 200];
    const predicted = [2, 5, 5, 14, 19, 125, 125];
    const sut = rulErrorByBucket(predicted, truth, { width: 10, openFrom: 150, rulCap: 125 });
    expect(sut.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 10, 3],
      [10, 20, 2],
      [150, null, 2],
    ]);
    expect(sut[0].bias).toBeCloseTo((2 + 0 - 4) / 3, 12);
    expect(sut[0].mae).toBeCloseTo(2, 12);
    expect(sut[0].rmse).toBeCloseTo(Math.sqrt((4 + 0 + 16) / 3), 12);
    expect(sut[2].rmse).toBeCloseTo(Math.sqrt((35 ** 2 + 75 ** 2) / 2), 12);
    expect(sut[2].rmseCapped).toBe(0);
  });

  it('rejects unpaired inputs', () => {
    expect(() => rulErrorByBucket([1, 2], [1])).toThrow(RangeError);
  });
});
