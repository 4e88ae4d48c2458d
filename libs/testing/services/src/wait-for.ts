import { setTimeout as delay } from 'node:timers/promises';

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Deadline in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Pause between two checks in milliseconds (default 50). */
  intervalMs?: number;
  /** What is awaited, in words; it is quoted in the timeout error (default "condition"). */
  what?: string;
  /**
   * Checked before each attempt: returning an error stops waiting at once and throws it (e.g. the
   * server process exited, so waiting longer cannot help).
   */
  failFast?: () => Error | undefined;
}

/** Thrown by {@link waitFor} when the deadline passes. */
export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly lastError?: unknown,
  ) {
    super(
      `timed out after ${timeoutMs} ms waiting for ${what}` +
        (lastError === undefined ? '' : ` (last error: ${describe(lastError)})`),
    );
  }
}

/**
 * Polls `cond` until it returns true, with a deadline. A check that throws counts as "not yet";
 * the last such error is quoted in the timeout error. Each check runs to completion before the
 * next one starts, so a slow check is never run twice at once.
 */
export async function waitFor(
  cond: () => Promise<boolean> | boolean,
  options: WaitForOptions = {},
): Promise<void> {
  const { timeoutMs = 10_000, intervalMs = 50, what = 'condition', failFast } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const fatal = failFast?.();
    if (fatal) throw fatal;
    try {
      if (await cond()) return;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new WaitForTimeoutError(what, timeoutMs, lastError);
    await delay(Math.min(intervalMs, remaining));
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { code?: unknown }).code;
    return typeof cause === 'string' ? `${error.message} [${cause}]` : error.message;
  }
  return String(error);
}
