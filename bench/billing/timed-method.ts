/** Time spent in one wrapped method, and how many calls and items (rows, intervals) it handled. */
export class MethodTime {
  seconds = 0;
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
): void {
  const original = target[name] as unknown as (...args: unknown[]) => unknown;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const t0 = performance.now();
    const done = (result: unknown) => {
      time.seconds += (performance.now() - t0) / 1000;
      time.calls++;
      time.items += count(result);
      return result;
    };
    const result = original.apply(this, args);
    return result instanceof Promise ? result.then(done) : done(result);
  };
  Object.defineProperty(target, name, { value: wrapped, configurable: true, writable: true });
}
