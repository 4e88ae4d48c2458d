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
