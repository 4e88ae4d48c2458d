/** Operating state a device reports alongside (or instead of) its metrics. */
export type DeviceState = 'RUN' | 'STANDBY' | 'FAULT' | 'CUSTOMER_STOP';

/** Every {@link DeviceState}, in a stable order (useful for metric labels and UI lists). */
export const DEVICE_STATES: readonly DeviceState[] = Object.freeze([
  'RUN',
  'STANDBY',
  'FAULT',
  'CUSTOMER_STOP',
]);

/** True when `value` is exactly one of {@link DEVICE_STATES} (case-sensitive). */
export function isDeviceState(value: unknown): value is DeviceState {
  return value === 'RUN' || value === 'STANDBY' || value === 'FAULT' || value === 'CUSTOMER_STOP';
}

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
