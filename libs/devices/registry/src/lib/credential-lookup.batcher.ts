/** What authentication needs of a device that is not revoked. */
export interface StoredCredentials {
  deviceId: string;
  tenantId: string;
  passwordHash: string;
}

interface Waiter {
  resolve(found: StoredCredentials | null): void;
  reject(error: unknown): void;
}

/**
 * Reads the credentials of many CONNECTs in one query. In a reconnect storm one query per CONNECT
 * on the event loop (PGlite runs in it) dominated the broker; here lookups that arrive while a query
 * runs, or within a short window after it, wait for the next one, which reads them all
 * (`username = any($1)`). Each lookup is still
 * answered by a query issued after it arrived, so a revocation or rotation committed before a CONNECT
 * is seen by it, as with one query per CONNECT.
 */
export class CredentialLookupBatcher {
  private pending = new Map<string, Waiter[]>();
  private running = false;

  constructor(
    private readonly lookup: (usernames: string[]) => Promise<Map<string, StoredCredentials>>,
    /** Most usernames per query. */
    private readonly maxBatch = 1_000,
    /**
     * After a query, how long lookups gather for the next one (ms). A lookup while idle is queried at
     * once; only a burst waits, at most this long.
     */
    private readonly burstWindowMs = 5,
  ) {}

  find(username: string): Promise<StoredCredentials | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(username);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(username, [{ resolve, reject }]);
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.size > 0) {
        const batch = new Map<string, Waiter[]>();
        for (const [username, waiters] of this.pending) {
          if (batch.size >= this.maxBatch) break;
          batch.set(username, waiters);
        }
        for (const username of batch.keys()) this.pending.delete(username);
        await this.answer(batch);
        // PGlite answers within microtasks, faster than a storm's CONNECTs arrive (one every ms or
        // so): without a pause here almost every lookup got a query of its own (~0.5 ms of CPU each,
        // against ~0.03 ms per username in a query of 50).
        await new Promise<void>((resolve) => setTimeout(resolve, this.burstWindowMs));
      }
    } finally {
      this.running = false;
    }
  }

  private async answer(batch: Map<string, Waiter[]>): Promise<void> {
    try {
      const found = await this.lookup([...batch.keys()]);
      for (const [username, waiters] of batch)
        for (const w of waiters) w.resolve(found.get(username) ?? null);
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    }
  }
}
