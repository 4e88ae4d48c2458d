import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('allows the burst at once, then one token per 1/rate seconds', () => {
    let now = 0;
    const sut = new TokenBucket(20, 100, () => now);
    for (let i = 0; i < 100; i++) expect(sut.take()).toBe(0);
    expect(sut.take()).toBe(50); // the 101st is due in 1/20 s
    expect(sut.take()).toBe(100); // and the next one queues behind it
    now += 1_000;
    expect(sut.take()).toBe(0);
  });

  it('tryTake never borrows', () => {
    let now = 0;
    const sut = new TokenBucket(1, 2, () => now);
    expect([sut.tryTake(), sut.tryTake(), sut.tryTake()]).toEqual([true, true, false]);
    expect(sut.idle()).toBe(false);
    now += 2_000;
    expect(sut.idle()).toBe(true);
  });
});
