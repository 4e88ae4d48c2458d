import { parseRetryAfter, retryDelayMs } from './webhook-retry.policy';

describe(retryDelayMs.name, () => {
  const options = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles per attempt, half of it jittered', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, options, undefined, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, options, undefined, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('stays under the longest delay', () => {
    expect(retryDelayMs(30, options, undefined, () => 1)).toBe(60_000);
  });

  it('waits as long as Retry-After asks when that is longer, within the longest delay', () => {
    expect(retryDelayMs(1, options, 5_000, () => 0)).toBe(5_000);
    expect(retryDelayMs(1, options, 10, () => 0)).toBe(500);
    expect(retryDelayMs(1, options, 3_600_000, () => 0)).toBe(60_000);
  });
});

describe(parseRetryAfter.name, () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('2026-10-21T07:28:00Z')),
    ).toBe(30_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
