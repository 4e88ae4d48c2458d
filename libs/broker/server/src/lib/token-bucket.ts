/**
 * A token bucket: `capacity` tokens, refilled at `ratePerSecond`. `take()` never blocks; it says
 * how long the caller would have to wait for its token, reserving it (the level may go negative,
 * so successive callers queue up behind each other).
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes a token; returns 0 when one was there, else the milliseconds until it is due. */
  take(): number {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return 0;
    return this.ratePerSecond > 0
      ? Math.ceil((-this.tokens / this.ratePerSecond) * 1000)
      : Infinity;
  }

  /** Takes a token only if one is there now. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket is full again (nothing borrowed): it can be forgotten. */
  idle(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((t - this.updatedAt) / 1000) * this.ratePerSecond,
    );
    this.updatedAt = t;
  }
}
