/**
 * Retained payload of `devices/{id}/status`: `online` while the device is connected, `offline`
 * after (the Will, or the broker's own message on a clean DISCONNECT).
 */
export type DeviceStatus = 'online' | 'offline';

/** Status payload of a connected device. */
export const STATUS_ONLINE: DeviceStatus = 'online';

/** Status payload of a device that went away (the Will). */
export const STATUS_OFFLINE: DeviceStatus = 'offline';

/** Every {@link DeviceStatus}. */
export const DEVICE_STATUSES: readonly DeviceStatus[] = Object.freeze([
  STATUS_ONLINE,
  STATUS_OFFLINE,
]);

/** True when `value` is exactly `online` or `offline`. */
export function isDeviceStatus(value: unknown): value is DeviceStatus {
  return value === STATUS_ONLINE || value === STATUS_OFFLINE;
}
