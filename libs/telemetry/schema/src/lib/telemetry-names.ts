/**
 * Device ids become the InfluxDB tag `device` and MQTT topic levels. The pattern keeps out
 * everything line protocol would need to escape (comma, `=`, space), newlines, control
 * characters and the MQTT separators and wildcards (`/`, `+`, `#`).
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Metric names become InfluxDB field keys; same alphabet and length as device ids. */
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

const TOPIC_PREFIX = 'devices/';
const TOPIC_SUFFIX = '/telemetry';

/** True when `value` is a string matching {@link DEVICE_ID_PATTERN}. */
export function isValidDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID_PATTERN.test(value);
}

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
 * another shape or the id does not match {@link DEVICE_ID_PATTERN}.
 */
export function deviceIdFromTopic(topic: string): string | null {
  if (
    typeof topic !== 'string' ||
    topic.length <= TOPIC_PREFIX.length + TOPIC_SUFFIX.length ||
    !topic.startsWith(TOPIC_PREFIX) ||
    !topic.endsWith(TOPIC_SUFFIX)
  ) {
    return null;
  }
  const id = topic.slice(TOPIC_PREFIX.length, topic.length - TOPIC_SUFFIX.length);
  return DEVICE_ID_PATTERN.test(id) ? id : null;
}

/**
 * Device-supplied text made safe for a rejection detail (and so for logs): JSON-quoted, which
 * escapes newlines and control characters, and truncated.
 */
export function quoteForDetail(text: string, maxLength = 64): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return JSON.stringify(cut);
}
