/** Time spent in one wrapped method, and how many calls and items (rows, intervals) it handled. */
export class MethodTime {
  seconds = 0;
  /** A server's CPU seconds during the calls (when timed with `serverCpu`; calls must not overlap). */
  serverCpuSeconds = 0;
  calls = 0;
  items = 0;
}

/**
 * Replaces `target[name]` (an own property shadowing the prototype's method) with a wrapper that adds
 * the wall time of each call, sync or async, to `time`, and `count(result)` to its items. The bench
 * times the parts of a billing run this way without changing the lib.
 */
export function timeMethod<T extends object, K extends keyof T>(
  target: T,
  name: K,
  time: MethodTime,
  count: (result: unknown) => number = () => 0,
  serverCpu: () => number | null = () => null,
): void {
  const original = target[name] as unknown as (...args: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const t0 = performance.now();
    const cpu0 = serverCpu();
    const done = (result: unknown) => {
      time.seconds += (performance.now() - t0) / 1000;
      const cpu1 = serverCpu();
      if (cpu0 !== null && cpu1 !== null) time.serverCpuSeconds += cpu1 - cpu0;
      time.calls++;
      time.items += count(result);
      return result;
    };
    const result = original.apply(this, args);
    return result instanceof Promise ? result.then(done) : done(result);
  };
  Object.defineProperty(target, name, { value: wrapped, configurable: true, writable: true });
}
