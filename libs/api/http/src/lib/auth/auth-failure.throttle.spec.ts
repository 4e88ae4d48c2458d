import { AuthFailureThrottle } from './auth-failure.throttle';

describe(AuthFailureThrottle.name, () => {
  let now = 0;
  const sut = () =>
    new AuthFailureThrottle(
      { maxFailures: 3, windowMs: 60_000, blockMs: 30_000, maxTracked: 2 },
      () => now,
    );

  beforeEach(() => {
    now = 1_000_000;
  });

  it('blocks an address at its third failure within the window, for blockMs', () => {
    const throttle = sut();
    throttle.fail('10.0.0.1');
    throttle.fail('10.0.0.1');
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
    throttle.fail('10.0.0.1');
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(30);
    expect(throttle.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 29_001;
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(1);
    now += 1_000;
    expect(throttle.retryAfterSeconds('10.0.0.1')).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const throttle = sut();
    throttle.fail('a');
    throttle.fail('a');
    now += 60_001;
    throttle.fail('a');
    expect(throttle.retryAfterSeconds('a')).toBe(0);
  });

  it('remembers at most maxTracked addresses, forgetting the oldest', () => {
    const throttle = sut();
    for (const address of ['a', 'a', 'a', 'b', 'c']) throttle.fail(address);
    expect(throttle.retryAfterSeconds('a')).toBe(0);
  });
});
