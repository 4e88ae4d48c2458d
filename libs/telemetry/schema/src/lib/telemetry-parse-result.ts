import type { TelemetrySample } from './telemetry-sample';

/**
 * Why a payload, a sample or a metric value was rejected. These strings become Prometheus label
 * values and dead-letter reasons: add new ones, never rename or remove one.
 */
export type RejectReason =
  /** Not JSON (syntax error, trailing garbage, BOM, NaN/Infinity literals, invalid UTF-8). */
  | 'invalid_json'
  /** Payload larger than `maxPayloadBytes`, rejected before parsing. */
  | 'payload_too_large'
  /** JSON of the wrong shape: not an object, nested too deep, empty batch, bad `metrics`. */
  | 'invalid_shape'
  /** A number that is not finite once parsed (`1e400` becomes Infinity in JSON.parse). */
  | 'non_finite'
  /** An integer literal beyond ±(2^53 - 1) that JSON.parse would silently round. */
  | 'unsafe_integer'
  /** A well-formed timestamp outside the accepted window (future, before 1970, after 2262, seconds). */
  | 'clock_skew'
  /** `ts` missing, of the wrong type, not an integer, or not a strict RFC 3339 date-time. */
  | 'invalid_timestamp'
  /** A device id or metric name outside the id pattern, or reserved. */
  | 'invalid_name'
  /** A metric value that is not a JSON number (string, boolean, null, object, array). */
  | 'type_mismatch'
  /** `state` present but not one of the known states. */
  | 'invalid_state'
  /** `seq` present but not a safe non-negative integer. */
  | 'invalid_seq'
  /** More samples in a batch than `maxBatch`. */
  | 'batch_too_large'
  /** Topic is not `devices/{deviceId}/telemetry` with a valid id. */
  | 'invalid_topic'
  /** More metrics in one sample than `maxMetrics`. */
  | 'too_many_metrics'
  /** A sample left with no valid metric and no state. */
  | 'empty_sample';

/** Every {@link RejectReason}, e.g. to pre-register metric label values at zero. */
export const REJECT_REASONS: readonly RejectReason[] = Object.freeze([
  'invalid_json',
  'payload_too_large',
  'invalid_shape',
  'non_finite',
  'unsafe_integer',
  'clock_skew',
  'invalid_timestamp',
  'invalid_name',
  'type_mismatch',
  'invalid_state',
  'invalid_seq',
  'batch_too_large',
  'invalid_topic',
  'too_many_metrics',
  'empty_sample',
]);

/** One rejection: a whole payload, one sample, or one metric value. */
export interface TelemetryRejection {
  /** Stable machine-readable reason (metric label, dead-letter reason). */
  reason: RejectReason;
  /** Human-readable explanation; device-supplied text in it is quoted, escaped and truncated. */
  detail: string;
  /**
   * Index of the sample concerned (its position in the batch; 0 for a single-sample message).
   * Absent when the whole payload was rejected.
   */
  index?: number;
}

/** Outcome of {@link parseTelemetry}: what can be stored, and what was dropped and why. */
export interface TelemetryParseResult {
  /** Valid samples, in message order. */
  samples: TelemetrySample[];
  /** Rejections, in message order. Empty when everything was accepted. */
  rejected: TelemetryRejection[];
}
