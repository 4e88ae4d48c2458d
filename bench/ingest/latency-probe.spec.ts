import { LatencyProbe } from './latency-probe';

describe(LatencyProbe.name, () => {
  it('times each seq when it is itself first seen, even when a later seq of the device was visible earlier', async () => {
    // Two writers in flight: seq 2 of d1 is queryable at t=100, seq 1 only at t=200.
    const answers = [
      new Map([['d1', [2]]]),
      new Map([
        ['d1', [2, 1]],
        ['d2', [1]],
      ]),
      new Map([
        ['d1', [1, 2, 3]],
        ['d2', [1]],
      ]),
    ];
    const clock = [100, 100, 200, 200, 300, 300];
    jest.spyOn(Date, 'now').mockImplementation(() => clock.shift() ?? 999);
    const sut = new LatencyProbe(async () => answers.shift() ?? new Map(), ['d1', 'd2'], 10);
    for (let i = 0; i < 3; i++) await sut.poll(0);
    expect([
      sut.firstSeen('d1', 1),
      sut.firstSeen('d1', 2),
      sut.firstSeen('d1', 3),
      sut.firstSeen('d2', 1),
    ]).toEqual([200, 100, 300, 200]);
    expect(sut.firstSeen('d2', 2)).toBeUndefined();
    expect(sut.polls).toBe(3);
  });

  it('counts a failed poll and keeps what was seen', async () => {
    const sut = new LatencyProbe(async () => Promise.reject(new Error('influx down')), ['d1'], 10);
    await sut.poll(0);
    expect({ errors: sut.errors, polls: sut.polls, seen: sut.firstSeen('d1', 1) }).toEqual({
      errors: 1,
      polls: 1,
      seen: undefined,
    });
  });
});
