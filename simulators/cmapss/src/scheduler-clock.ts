/** Opaque handle of a scheduled callback. */
export type TimerHandle = unknown;

/** Time source and timer, injected so tests can drive time by hand. */
export interface SchedulerClock {
  /** Epoch milliseconds. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The process clock (`Date.now`, global timers). */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
