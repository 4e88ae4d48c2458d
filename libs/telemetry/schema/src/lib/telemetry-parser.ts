import { scanJsonText } from './json-text-scan';
import { isJsonObject, jsonTypeOf, type SampleContext, validateSample } from './sample-validator';
import { DEFAULT_TELEMETRY_LIMITS, type TelemetryLimits } from './telemetry-limits';
import { deviceIdFromTopic, isValidDeviceId, quoteForDetail } from './telemetry-names';
import type { RejectReason, TelemetryParseResult } from './telemetry-parse-result';
import type { TelemetrySample } from './telemetry-sample';
import { MAX_STORABLE_TS_MS } from './telemetry-timestamp';

const BYTE_ORDER_MARK = 0xfeff;

// fatal: invalid UTF-8 is an error, not silently replaced by U+FFFD (RFC 8259 section 8.1 requires
// UTF-8). ignoreBOM: keep a BOM in the text, so that it is rejected below rather than stripped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Validates one MQTT telemetry payload of `deviceId`: a single sample object or
 * `{"batch": [...]}` (see the lib README for every rule).
 *
 * - Payload-level problems (too large, not UTF-8, not JSON, BOM, nested too deep, wrong shape,
 *   batch too large) reject the whole message: no samples, exactly one rejection without index.
 * - Sample-level problems (bad `ts`, `seq`, `state`, `metrics`) reject that sample only.
 * - Metric-level problems (bad name, non-number, non-finite, unsafe integer) drop that value only;
 *   a sample left with neither metrics nor state is then rejected as `empty_sample`.
 *
 * Pure and synchronous: no I/O, never throws on device input.
 *
 * @param deviceId id from the topic; rejected as `invalid_name` unless it matches the id pattern.
 * @param payload raw MQTT payload (a Buffer is a Uint8Array) or already-decoded text.
 * @param nowMs the ingest clock, epoch ms, for the `clock_skew` window.
 * @param limits overrides of {@link DEFAULT_TELEMETRY_LIMITS}.
 */
export function parseTelemetry(
  deviceId: string,
  payload: Uint8Array | string,
  nowMs: number,
  limits?: Partial<TelemetryLimits>,
): TelemetryParseResult {
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be finite, got ${nowMs}`);
  const lim = resolveLimits(limits);
  if (!isValidDeviceId(deviceId)) {
    return rejectPayload(
      'invalid_name',
      `device id ${quoteForDetail(String(deviceId))} is invalid`,
    );
  }
  const decoded = decodeJson(payload, lim);
  if (!decoded.ok) return rejectPayload(decoded.reason, decoded.detail);
  const ctx: SampleContext = {
    deviceId,
    minTs: Math.max(0, nowMs - lim.pastWindowMs),
    maxTs: Math.min(MAX_STORABLE_TS_MS, nowMs + lim.futureSkewMs),
    maxMetrics: lim.maxMetrics,
    unsafeIntegers: decoded.unsafeIntegers,
    rejected: [],
  };
  return validateMessage(decoded.value, ctx, lim.maxBatch);
}

/**
 * {@link parseTelemetry} for a message another decoder already turned into values (Sparkplug B):
 * `value` is one sample object or `{"batch": [...]}` as JSON.parse would have made it, and is checked
 * by exactly the same rules from the shape on (timestamps, names, finiteness, limits).
 */
export function validateTelemetryValue(
  deviceId: string,
  value: unknown,
  nowMs: number,
  limits?: Partial<TelemetryLimits>,
): TelemetryParseResult {
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be finite, got ${nowMs}`);
  const lim = resolveLimits(limits);
  if (!isValidDeviceId(deviceId)) {
    return rejectPayload(
      'invalid_name',
      `device id ${quoteForDetail(String(deviceId))} is invalid`,
    );
  }
  const ctx: SampleContext = {
    deviceId,
    minTs: Math.max(0, nowMs - lim.pastWindowMs),
    maxTs: Math.min(MAX_STORABLE_TS_MS, nowMs + lim.futureSkewMs),
    maxMetrics: lim.maxMetrics,
    unsafeIntegers: undefined,
    rejected: [],
  };
  return validateMessage(value, ctx, lim.maxBatch);
}

/**
 * {@link parseTelemetry} for a message as it arrives: the device id is taken from the topic
 * `devices/{deviceId}/telemetry`; any other topic is rejected whole as `invalid_topic`.
 */
export function parseTelemetryMessage(
  topic: string,
  payload: Uint8Array | string,
  nowMs: number,
  limits?: Partial<TelemetryLimits>,
): TelemetryParseResult {
  const deviceId = deviceIdFromTopic(topic);
  if (deviceId === null) {
    return rejectPayload(
      'invalid_topic',
      `topic ${quoteForDetail(String(topic), 200)} is not devices/{id}/telemetry`,
    );
  }
  return parseTelemetry(deviceId, payload, nowMs, limits);
}

// Ingest passes the same limits object with every message: merge it with the defaults once.
const resolvedLimits = new WeakMap<Partial<TelemetryLimits>, TelemetryLimits>();

function resolveLimits(limits: Partial<TelemetryLimits> | undefined): TelemetryLimits {
  if (limits === undefined) return DEFAULT_TELEMETRY_LIMITS;
  let resolved = resolvedLimits.get(limits);
  if (!resolved) {
    resolved = { ...DEFAULT_TELEMETRY_LIMITS, ...limits };
    resolvedLimits.set(limits, resolved);
  }
  return resolved;
}

type Decoded =
  | { ok: true; value: unknown; unsafeIntegers: Map<number, string> | undefined }
  | { ok: false; reason: RejectReason; detail: string };

/** Size check, UTF-8 decoding, BOM check, text scan and JSON.parse, in that order. */
function decodeJson(payload: Uint8Array | string, lim: TelemetryLimits): Decoded {
  const size =
    typeof payload === 'string' ? utf8Length(payload, lim.maxPayloadBytes) : payload.byteLength;
  if (size > lim.maxPayloadBytes) {
    return fail('payload_too_large', `payload exceeds ${lim.maxPayloadBytes} bytes`);
  }
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : utf8.decode(payload);
  } catch {
    return fail('invalid_json', 'payload is not valid UTF-8');
  }
  // RFC 8259 section 8.1: senders MUST NOT add a BOM; parsers MAY ignore one. We reject it so that
  // a misconfigured device shows up in the counters, and every consumer of the raw payload (dead
  // letters, replays) agrees on what is JSON. JSON.parse would reject it too, less clearly.
  if (text.charCodeAt(0) === BYTE_ORDER_MARK) {
    return fail('invalid_json', 'payload starts with a byte order mark (U+FEFF)');
  }
  const scan = scanJsonText(text, lim.maxDepth);
  if (scan.tooDeep) return fail('invalid_shape', `nesting deeper than ${lim.maxDepth} levels`);
  try {
    return { ok: true, value: JSON.parse(text), unsafeIntegers: scan.unsafeIntegers };
  } catch (error) {
    // JSON.parse reports syntax errors (trailing garbage, NaN, Infinity, ...) as SyntaxError;
    // a RangeError would mean a resource limit (stack, string length): a shape problem.
    if (error instanceof RangeError) return fail('invalid_shape', `payload too complex to parse`);
    // V8 quotes part of the input in its message: escape it like any device text.
    return fail(
      'invalid_json',
      `not JSON: ${quoteForDetail(String((error as Error).message), 160)}`,
    );
  }
}

/** Dispatches on the message shape: `{"batch": [...]}` or one sample object. */
function validateMessage(
  value: unknown,
  ctx: SampleContext,
  maxBatch: number,
): TelemetryParseResult {
  if (!isJsonObject(value)) {
    return rejectPayload('invalid_shape', `message is ${jsonTypeOf(value)}, not an object`);
  }
  const samples: TelemetrySample[] = [];
  const batch = value.batch;
  if (batch === undefined) {
    const sample = validateSample(value, 0, ctx);
    if (sample !== undefined) samples.push(sample);
    return { samples, rejected: ctx.rejected };
  }
  if (!Array.isArray(batch) || batch.length === 0) {
    const what = Array.isArray(batch) ? 'empty' : jsonTypeOf(batch);
    return rejectPayload('invalid_shape', `batch is ${what}, expected a non-empty array`);
  }
  if (batch.length > maxBatch) {
    return rejectPayload(
      'batch_too_large',
      `batch of ${batch.length} samples, at most ${maxBatch}`,
    );
  }
  for (let i = 0; i < batch.length; i++) {
    const sample = validateSample(batch[i], i, ctx);
    if (sample !== undefined) samples.push(sample);
  }
  return { samples, rejected: ctx.rejected };
}

/**
 * UTF-8 length of `text`, exact up to `limit` (it stops counting once past it). Each UTF-16 code
 * unit encodes to 1-3 bytes (a surrogate pair, two units, to 4), so most texts are decided early.
 */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

function fail(reason: RejectReason, detail: string): Decoded {
  return { ok: false, reason, detail };
}

function rejectPayload(reason: RejectReason, detail: string): TelemetryParseResult {
  return { samples: [], rejected: [{ reason, detail }] };
}
