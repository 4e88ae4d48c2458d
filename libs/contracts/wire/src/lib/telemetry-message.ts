import type { DeviceState } from './device-state';

/**
 * One sample as a device sends it on `devices/{id}/telemetry` (QoS 1). What the platform
 * accepts is checked by `@hourglass/telemetry-schema`; this is the shape, not the rules.
 */
export interface TelemetryMessage {
  /** Device time: epoch milliseconds (integer) or an RFC 3339 string. */
  ts: number | string;
  /** Per-device sequence number (safe non-negative integer), optional. */
  seq?: number;
  /** Metric name to finite number; may be absent or empty when `state` is present. */
  metrics?: Record<string, number>;
  /** Operating state, optional. */
  state?: DeviceState;
}

/** Several samples in one message on `devices/{id}/telemetry`. */
export interface TelemetryBatchMessage<T extends TelemetryMessage = TelemetryMessage> {
  batch: T[];
}

/** Payload of `devices/{id}/commands/replace` (platform to device). */
export interface ReplaceCommand {
  /** The task asking for the replacement, when there is one. */
  taskId?: string;
}

/** Published on `devices/{id}/events` when the device's unit was replaced. */
export interface ReplacedEvent {
  type: 'replaced';
  /** The task whose `replace` command caused this replacement, if any. */
  taskId?: string;
  /** True for a planned replacement, false after a failure. */
  preventive: boolean;
  /** The unit now installed. */
  unit: number;
  /** Age in cycles of the removed unit when it was taken out. */
  atCycle: number;
}
