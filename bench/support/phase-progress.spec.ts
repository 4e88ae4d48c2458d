import { countProgress, timedPhase, watchCount } from './phase-progress';

/** A clock, a stream and a ticker the test drives by hand. */
function harness(isTTY = false) {
  const out: string[] = [];
  let t = 0;
  let tick: (() => void) | undefined;
  let stopped = 0;
  return {
    out,
    at(ms: number) {
      t = ms;
      tick?.();
    },
    get stopped() {
      return stopped;
    },
    options: {
      stream: { isTTY, write: (text: string) => out.push(text) },
      now: () => t,
      lineEveryMs: 0,
      every: (_ms: number, fn: () => void) => {
        tick = fn;
        return () => {
          tick = undefined;
          stopped++;
        };
      },
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('timedPhase', () => {
  it('ticks the elapsed seconds of a timed phase, completes once when it overruns, then says by how much', async () => {
    const h = harness();
    const work = deferred<string>();
    const sut = timedPhase('ours: publishing', 4, () => work.promise, {
      ...h.options,
      overtime: 'waiting for the last PUBACKs',
    });
    h.at(1_000);
    h.at(2_000);
    h.at(5_000);
    h.at(6_000);
    h.at(7_000);
    work.resolve('stats');
    await expect(sut).resolves.toBe('stats');
    expect(h.out).toEqual([
      '[bench] ours: publishing: 1/4 s (25%), ETA 3 s\n',
      '[bench] ours: publishing: 2/4 s (50%), ETA 2 s\n',
      '[bench] ours: publishing: 4/4 s (100%), done in 5 s, waiting for the last PUBACKs\n',
      '[bench] ours: publishing: waiting for the last PUBACKs, 2 s past its length\n',
      '[bench] ours: publishing: waiting for the last PUBACKs, 3 s past its length\n',
    ]);
    expect(h.stopped).toBe(1);
  });

  it('completes the bar when the phase ends early, and redraws in place on a terminal', async () => {
    const h = harness(true);
    const sut = timedPhase('bare: publishing', 10, async () => 7, h.options);
    await expect(sut).resolves.toBe(7);
    expect(h.out.join('')).toMatch(/^\r\[bench\] bare: publishing \[#{24}\] 100% 10\/10 s, done/);
    expect(h.out.at(-1)).toBe('\n');
  });

  it('stops ticking and ends the bar when the phase fails', async () => {
    const h = harness(true);
    const work = deferred<never>();
    const sut = timedPhase('ramp 10000 msg/s', 5, () => work.promise, h.options);
    h.at(1_000);
    work.reject(new Error('generator died'));
    await expect(sut).rejects.toThrow('generator died');
    expect(h.stopped).toBe(1);
    expect(h.out.at(-1)).toBe('\n');
  });
});

describe('countProgress', () => {
  it('labels counted work as the bench and says what is counted', () => {
    const h = harness();
    const sut = countProgress('drain: points queryable', 2_000, 'points', h.options);
    h.at(1_000);
    sut.update(500);
    h.at(4_000);
    sut.update(2_000);
    expect(h.out).toEqual([
      '[bench] drain: points queryable: 500/2,000 points (25%), ETA 3 s\n',
      '[bench] drain: points queryable: 2,000/2,000 points (100%), done in 4 s\n',
    ]);
  });
});

describe('watchCount', () => {
  it('reads the count once a tick while the work runs, and shows the last count when stopped', () => {
    const h = harness();
    let rated = 0;
    const stop = watchCount('runAll', 4, 'contract periods', () => rated, h.options);
    h.at(1_000);
    rated = 3;
    h.at(2_000);
    rated = 4;
    stop();
    h.at(3_000);
    expect(h.out).toEqual([
      '[bench] runAll: 0/4 contract periods (0%), ETA unknown\n',
      '[bench] runAll: 3/4 contract periods (75%), ETA 1 s\n',
      '[bench] runAll: 4/4 contract periods (100%), done in 2 s\n',
    ]);
    expect(h.stopped).toBe(1);
  });
});
