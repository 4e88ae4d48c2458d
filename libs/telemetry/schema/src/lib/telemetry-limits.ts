/**
 * Bounds applied by {@link parseTelemetry}. Every field has a documented default in
 * {@link DEFAULT_TELEMETRY_LIMITS}; pass a partial object to override some of them.
 */
export interface TelemetryLimits {
  /** Largest accepted payload in bytes (UTF-8), checked before parsing. Default 256 KiB. */
  maxPayloadBytes: number;
  /** Most samples in one `{"batch": [...]}` message. Default 1000. */
  maxBatch: number;
  /**
   * Most metrics in one sample. Default 64: a C-MAPSS turbofan sends 26 (cycle, 3 settings, 21
   * sensors, the hour meter), so 64 leaves room for richer equipment while bounding what one
   * sample costs to store and to read back (64 names of 64 characters: about 5 KB of JSON).
   */
  maxMetrics: number;
  /** How far ahead of the ingest clock a sample may be stamped, in ms. Default 5 min. */
  futureSkewMs: number;
  /** How far behind the ingest clock a sample may be stamped, in ms. Default 7 days. */
  pastWindowMs: number;
  /**
   * Deepest accepted nesting of arrays and objects. A valid message needs 4
   * (`{"batch": [{"metrics": {}}]}`); the slack leaves room for extension fields. Default 16.
   */
  maxDepth: number;
}

/** Defaults for {@link TelemetryLimits}. */
export const DEFAULT_TELEMETRY_LIMITS: Readonly<TelemetryLimits> = Object.freeze({
  maxPayloadBytes: 256 * 1024,
  maxBatch: 1000,
  maxMetrics: 64,
  futureSkewMs: 5 * 60 * 1000,
  pastWindowMs: 7 * 24 * 60 * 60 * 1000,
  maxDepth: 16,
});
