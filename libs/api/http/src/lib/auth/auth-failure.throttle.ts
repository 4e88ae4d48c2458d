/** How many failed tokens an address may send before it is made to wait (README "Authentication"). */
export interface AuthThrottleOptions {
  /** Failed tokens within `windowMs` that block the address (default 10). */
  maxFailures: number;
  /** The window failures are counted over, ms (default 60,000). */
  windowMs: number;
  /** How long a blocked address gets 429, ms (default 60,000). */
  blockMs: number;
  /** Addresses remembered at most; the oldest are forgotten first (default 10,000). */
  maxTracked: number;
}

export const DEFAULT_AUTH_THROTTLE: Readonly<AuthThrottleOptions> = Object.freeze({
  maxFailures: 10,
  windowMs: 60_000,
  blockMs: 60_000,
  maxTracked: 10_000,
});

interface Entry {
  failures: number[];
  blockedUntil: number;
}

/**
 * Per-address throttling of failed bearer tokens, so tokens cannot be guessed at the speed of the
 * API. Only failures count: an address whose requests authenticate is never slowed.
 */
export class AuthFailureThrottle {
  private readonly options: AuthThrottleOptions;
  private readonly entries = new Map<string, Entry>();

  constructor(
    options: Partial<AuthThrottleOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULT_AUTH_THROTTLE, ...options };
  }

  /** Whole seconds the address must still wait; 0 when it may present a token. */
  retryAfterSeconds(address: string): number {
    const entry = this.entries.get(address);
    const left = entry ? entry.blockedUntil - this.now() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  /** Forgets the failures of `key` (a user name after a right password: its earlier typos no longer count). */
  forgive(key: string): void {
    const entry = this.entries.get(key);
    if (entry && entry.blockedUntil <= this.now()) this.entries.delete(key);
  }

  /** Records a failed token; the failure that reaches `maxFailures` within the window blocks the address. */
  fail(address: string): void {
    const now = this.now();
    const entry = this.entries.get(address) ?? { failures: [], blockedUntil: 0 };
    this.entries.delete(address);
    entry.failures = entry.failures.filter((t) => t > now - this.options.windowMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.options.maxFailures) {
      entry.blockedUntil = now + this.options.blockMs;
      entry.failures = [];
    }
    this.entries.set(address, entry);
    while (this.entries.size > this.options.maxTracked)
      this.entries.delete(this.entries.keys().next().value as string);
  }
}
