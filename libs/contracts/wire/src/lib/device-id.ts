/**
 * Device ids are MQTT topic levels and the InfluxDB tag `device`. The pattern keeps out
 * everything line protocol would need to escape (comma, `=`, space), newlines, control
 * characters and the MQTT separators and wildcards (`/`, `+`, `#`).
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** True when `value` is a string matching {@link DEVICE_ID_PATTERN}. */
export function isValidDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value);
}

/** Throws a `RangeError` naming the value unless it is a valid device id. */
export function assertDeviceId(value: unknown): asserts value is string {
  if (!isValidDeviceId(value))
    throw new RangeError(
      `invalid device id ${JSON.stringify(value)}: expected ${DEVICE_ID_PATTERN}`,
    );
}
