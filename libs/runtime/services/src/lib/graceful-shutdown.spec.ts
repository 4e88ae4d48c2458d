import { gracefulShutdown } from './graceful-shutdown';

describe(gracefulShutdown.name, () => {
  let lines: string[];
  let codes: number[];
  const sut = (stop: () => Promise<void>) =>
    gracefulShutdown({
      name: 'svc',
      stop,
      timeoutMs: 1_000,
      log: (l) => lines.push(l),
      exit: (c) => codes.push(c),
    });

  beforeEach(() => {
    jest.useFakeTimers();
    lines = [];
    codes = [];
  });
  afterEach(() => jest.useRealTimers());

  it('exits 0 once stop has flushed', async () => {
    sut(() => Promise.resolve())('SIGHUP');
    await jest.advanceTimersByTimeAsync(0);
    expect(codes).toEqual([0]);
    expect(lines).toEqual([
      expect.stringContaining('svc: SIGHUP, shutting down'),
      'svc: stopped, buffered writes flushed',
    ]);
  });

  it('exits 1 when stop outlasts the deadline', async () => {
    sut(() => new Promise(() => undefined))('SIGTERM');
    await jest.advanceTimersByTimeAsync(999);
    expect(codes).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(codes).toEqual([1]);
    expect(lines[1]).toContain('did not finish within 1000 ms');
  });

  it('exits 128 + the signal number on a second signal', () => {
    const shutdown = sut(() => new Promise(() => undefined));
    shutdown('SIGINT');
    shutdown('SIGINT');
    expect(codes).toEqual([130]);
    expect(lines[1]).toBe(
      'svc: second SIGINT while shutting down, exiting at once without finishing the flush',
    );
  });

  it('exits 1 when stop fails', async () => {
    sut(() => Promise.reject(new Error('disk gone')))('SIGTERM');
    await jest.advanceTimersByTimeAsync(0);
    expect(codes).toEqual([1]);
    expect(lines[1]).toBe('svc: shutdown failed: disk gone');
  });
});
