import type { TelemetrySample } from './telemetry-sample';

// InfluxDB line protocol, "Special characters": measurements escape comma and space; tag keys, tag
// values and field keys also escape `=`; string field values escape `"` and backslash. Two
// backslashes read as one, so escaping the backslash too keeps a trailing one from eating the
// separator. Newlines end a line and cannot be escaped anywhere.
const MEASUREMENT_SPECIAL = /[\\, ]/g;
const TAG_SPECIAL = /[\\,= ]/g;
const STRING_FIELD_SPECIAL = /[\\"]/g;
const LINE_BREAK = /[\n\r]/;

/**
 * Escapes a measurement name for line protocol (comma, space, backslash).
 * @throws RangeError when `name` is empty or contains a line break, which cannot be encoded.
 */
export function escapeMeasurement(name: string): string {
  assertEncodable(name, 'measurement');
  return name.replace(MEASUREMENT_SPECIAL, '\\$&');
}

/**
 * Escapes a tag key, tag value or field key for line protocol (comma, `=`, space, backslash).
 * @throws RangeError when `text` is empty (InfluxDB refuses empty tag values) or contains a
 * line break.
 */
export function escapeTag(text: string): string {
  assertEncodable(text, 'tag or field key');
  return text.replace(TAG_SPECIAL, '\\$&');
}

/**
 * Escapes the content of a string field value (double quote, backslash); the caller adds the
 * surrounding quotes.
 * @throws RangeError when `text` contains a line break.
 */
export function escapeStringFieldValue(text: string): string {
  if (LINE_BREAK.test(text)) throw new RangeError('line protocol cannot carry a line break');
  return text.replace(STRING_FIELD_SPECIAL, '\\$&');
}

/**
 * One InfluxDB line protocol line (no trailing newline) for a validated sample:
 * `<measurement>,device=<id> <metric>=<float>,...,seq=<n>i,state="<state>" <ts>`.
 * Metrics are float fields (`5` is a float in line protocol: integers need an `i` suffix),
 * written with the shortest text that round-trips. The timestamp is in milliseconds: write with
 * precision `ms`.
 * @throws RangeError when the sample could not have come from parseTelemetry (no field at all, a
 * non-finite value, a non-integer ts or seq, a name with a line break).
 */
export function encodeLineProtocol(sample: TelemetrySample, measurement = 'telemetry'): string {
  if (!Number.isSafeInteger(sample.ts)) throw new RangeError(`ts ${sample.ts} is not integer ms`);
  let fields = '';
  for (const name of Object.keys(sample.metrics)) {
    fields += `${fields === '' ? '' : ','}${escapedTag(name)}=${formatFloat(sample.metrics[name])}`;
  }
  if (sample.seq !== undefined) {
    if (!Number.isSafeInteger(sample.seq))
      throw new RangeError(`seq ${sample.seq} is not an integer`);
    fields += `${fields === '' ? '' : ','}seq=${sample.seq}i`;
  }
  if (sample.state !== undefined) {
    fields += `${fields === '' ? '' : ','}state="${escapeStringFieldValue(sample.state)}"`;
  }
  if (fields === '') throw new RangeError('a point needs at least one field');
  return `${escapedMeasurement(measurement)},device=${escapedTag(sample.deviceId)} ${fields} ${sample.ts}`;
}

// The same device ids and metric names come back in every batch: escape each once. Bounded, so a
// fleet that keeps inventing names cannot grow it without end.
const ESCAPE_CACHE_LIMIT = 100_000;
const escapedTags = new Map<string, string>();
const escapedMeasurements = new Map<string, string>();

function escapedTag(text: string): string {
  return cached(escapedTags, text, escapeTag);
}

function escapedMeasurement(name: string): string {
  return cached(escapedMeasurements, name, escapeMeasurement);
}

function cached(
  cache: Map<string, string>,
  text: string,
  escape: (text: string) => string,
): string {
  let escaped = cache.get(text);
  if (escaped === undefined) {
    escaped = escape(text); // throws on what cannot be encoded: nothing invalid is cached
    if (cache.size >= ESCAPE_CACHE_LIMIT) cache.clear();
    cache.set(text, escaped);
  }
  return escaped;
}

function formatFloat(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`field value ${value} is not finite`);
  // String() is the shortest round-trip form; -0 prints as "0". Exponents ("1e+21") are valid floats.
  return String(value);
}

function assertEncodable(text: string, what: string): void {
  if (text.length === 0) throw new RangeError(`${what} cannot be empty`);
  if (LINE_BREAK.test(text)) throw new RangeError(`${what} cannot carry a line break`);
}
