/** Bounds of one `GET /api/assets/{id}/telemetry` answer. */
export interface TelemetryReadLimits {
  /**
   * Most bytes of JSON one answer holds. Past it the answer is a page that ends early with a
   * `nextCursor` (continue with `?cursor=`). Default 8 MiB. At least one row is always sent, so a
   * cursor always moves on.
   */
  maxResponseBytes: number;
  /** The largest `limit` accepted (a larger one is a 400). Default 100,000 (an aggregated chart of 69 days of minutes). */
  maxRows: number;
  /** Raw rows answered without a `limit`. Default 10,000. */
  defaultRawRows: number;
  /** Rows read from the telemetry store at a time while streaming: what the process holds at once. Default 500. */
  chunkRows: number;
}

/** Defaults of {@link TelemetryReadLimits}. */
export const DEFAULT_TELEMETRY_READ_LIMITS: Readonly<TelemetryReadLimits> = Object.freeze({
  maxResponseBytes: 8 * 1024 * 1024,
  maxRows: 100_000,
  defaultRawRows: 10_000,
  chunkRows: 500,
});
