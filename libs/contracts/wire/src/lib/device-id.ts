/**
 * Client ids starting with this prefix belong to the platform's MQTT service accounts
 * (`svc-ingest`, `svc-alerts`, `svc-ingest-<worker>`), never to a device: a device's client id is
 * its device id, so the two namespaces cannot meet and a service secret cannot take a device's
 * session over (hostile input B21). Compared case-insensitively.
 */
export const SERVICE_CLIENT_ID_PREFIX = 'svc-';

/**
 * Device ids are MQTT topic levels and the InfluxDB tag `device`. The pattern keeps out
 * everything line protocol would need to escape (comma, `=`, space), newlines, control
 * characters and the MQTT separators and wildcards (`/`, `+`, `#`). A valid device id also stays
 * out of the service namespace (see {@link isValidDeviceId}).
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * True when `value` is a string matching {@link DEVICE_ID_PATTERN} that does not start with
 * {@link SERVICE_CLIENT_ID_PREFIX}.
 */
export function isValidDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value) && !isServiceClientId(value);
}

/** True when `id` lies in the service accounts' client-id namespace (starts with `svc-`, any case). */
export function isServiceClientId(id: string): boolean {
  return id.slice(0, SERVICE_CLIENT_ID_PREFIX.length).toLowerCase() === SERVICE_CLIENT_ID_PREFIX;
}

/** Throws a `RangeError` naming the value unless it is a valid device id. */
export function assertDeviceId(value: unknown): asserts value is string {
  if (!isValidDeviceId(value))
    throw new RangeError(
      `invalid device id ${JSON.stringify(value)}: expected ${DEVICE_ID_PATTERN}`,
    );
}
