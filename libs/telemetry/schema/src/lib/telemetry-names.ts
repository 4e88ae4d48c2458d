import { deviceIdFromTelemetryTopic } from '@hourglass/contracts-wire';

// Device ids and telemetry topics are part of the wire format (@hourglass/contracts-wire); this lib
// re-exports them under the names it has always used.
export { DEVICE_ID_PATTERN, isValidDeviceId } from '@hourglass/contracts-wire';

/** Metric names become InfluxDB field keys; same alphabet and length as device ids (`DEVICE_ID_PATTERN`). */
export const METRIC_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Field keys the line protocol encoding already uses (`seq`, `state`), the tag key (`device`),
 * and `time`, which InfluxQL reserves. A metric with one of these names would collide with them.
 * InfluxDB also reserves every key that starts with `_` (`_time`, `_field`, ...).
 */
export const RESERVED_METRIC_NAMES: ReadonlySet<string> = new Set([
  'seq',
  'state',
  'device',
  'time',
]);

/**
 * True when `name` matches {@link METRIC_NAME_PATTERN}, does not start with `_` (reserved by
 * InfluxDB) and is not one of {@link RESERVED_METRIC_NAMES}.
 */
export function isValidMetricName(name: string): boolean {
  return (
    METRIC_NAME_PATTERN.test(name) &&
    name.charCodeAt(0) !== 0x5f &&
    !RESERVED_METRIC_NAMES.has(name)
  );
}

/**
 * Device id of a telemetry topic `devices/{deviceId}/telemetry`, or `null` when the topic has
 * another shape or the id is invalid (see `deviceIdFromTelemetryTopic` of @hourglass/contracts-wire).
 */
export function deviceIdFromTopic(topic: string): string | null {
  return deviceIdFromTelemetryTopic(topic);
}

/**
 * Device-supplied text made safe for a rejection detail (and so for logs): JSON-quoted, which
 * escapes newlines and control characters, and truncated.
 */
export function quoteForDetail(text: string, maxLength = 64): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return JSON.stringify(cut);
}
