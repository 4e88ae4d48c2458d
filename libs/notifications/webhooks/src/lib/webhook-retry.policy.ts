/** When deliveries are retried, and when a subscription is disabled. */
export interface WebhookRetryOptions {
  /** Attempts per delivery before it is marked `FAILED` (default 8: about 21 minutes with the default delays). */
  maxAttempts: number;
  /** Delay before the second attempt; each later one doubles it (default 10 s). */
  baseDelayMs: number;
  /** Longest delay between two attempts, a `Retry-After` included (default 1 h). */
  maxDelayMs: number;
  /** Consecutive failed attempts, over all of a subscription's deliveries, that disable it (default 20). */
  disableAfterFailures: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryOptions = {
  maxAttempts: 8,
  baseDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  disableAfterFailures: 20,
};

/**
 * Delay after failed attempt number `attempt` (1-based): exponential, with "equal jitter" (half
 * fixed, half random) so receivers recovering from an outage are not hit by every sender at once
 * while the delay still grows. A `Retry-After` from the receiver is honoured when it asks for longer.
 */
export function retryDelayMs(
  attempt: number,
  options: Pick<WebhookRetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    options.maxDelayMs,
    options.baseDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.min(options.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
}

/** `Retry-After` in milliseconds: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
