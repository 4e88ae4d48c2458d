/**
 * Thrown once ingest is closing and a write still failed when its close budget ran out. The messages
 * of that batch stay unacknowledged, so the broker redelivers them (QoS 1): the caller may retry.
 */
export class IngestClosingError extends Error {
  readonly code = 'INGEST_CLOSING';
  /** Nothing was lost: the broker (or the device) sends the unacknowledged messages again. */
  readonly retryable = true;

  constructor(
    message: string,
    /** Samples left unacknowledged. */
    readonly samples = 0,
  ) {
    super(message);
    this.name = 'IngestClosingError';
  }
}

/**
 * The write path's view of a graceful stop: whether it has begun, how much of its retry budget is
 * left, and backoff sleeps that close cuts short. Every timer is unref'd, so a pending retry never
 * holds the process open by itself.
 */
export class IngestCloseSignal {
  private readonly controller = new AbortController();
  private deadline = Number.POSITIVE_INFINITY;

  /** True once {@link begin} ran. */
  get closing(): boolean {
    return this.controller.signal.aborted;
  }

  /** Starts the close: failing writes get `budgetMs` more of retries, and sleeping ones wake now. */
  begin(budgetMs: number): void {
    if (this.closing) return;
    this.deadline = Date.now() + Math.max(0, budgetMs);
    this.controller.abort();
  }

  /** True when closing and the retry budget is spent. */
  expired(): boolean {
    return this.closing && Date.now() >= this.deadline;
  }

  /** Waits `ms` (never beyond the close budget); wakes at once when the close begins meanwhile. */
  sleep(ms: number): Promise<void> {
    const signal = this.controller.signal;
    const wait = Math.max(0, Math.min(ms, this.deadline - Date.now()));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      timer.unref();
      if (!signal.aborted) signal.addEventListener('abort', done, { once: true });
    });
  }
}
