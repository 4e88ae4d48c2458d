import type { DeviceState } from '@hourglass/contracts-wire';

// The device states are part of the wire format (@hourglass/contracts-wire).
export { DEVICE_STATES, isDeviceState } from '@hourglass/contracts-wire';
export type { DeviceState } from '@hourglass/contracts-wire';

/**
 * One validated telemetry sample, ready to be stored.
 *
 * Every field has passed {@link parseTelemetry}'s checks: names match the id pattern, metric
 * values are finite doubles (`-0` normalised to `0`), `ts` lies in the accepted clock window.
 */
export interface TelemetrySample {
  /** Device id, taken from the MQTT topic (`devices/{deviceId}/telemetry`). */
  deviceId: string;
  /** Device time of the sample, epoch milliseconds, integer. */
  ts: number;
  /** Device sequence number (safe non-negative integer), when the device sends one. */
  seq?: number;
  /** Metric name to finite value. May be empty when `state` is present. */
  metrics: Record<string, number>;
  /** Operating state, when the device sends one. */
  state?: DeviceState;
}
