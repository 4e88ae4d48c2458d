import type { RejectReason, TelemetryRejection } from './telemetry-parse-result';
import { isDeviceState, type TelemetrySample } from './telemetry-sample';
import { isValidMetricName, quoteForDetail } from './telemetry-names';
import { parseRfc3339 } from './telemetry-timestamp';

/** What every sample of one message is checked against. */
export interface SampleContext {
  deviceId: string;
  /** Earliest accepted `ts` (inclusive), epoch ms. */
  minTs: number;
  /** Latest accepted `ts` (inclusive), epoch ms. */
  maxTs: number;
  maxMetrics: number;
  /** Parsed values of unsafe integer literals found in the raw text (see scanJsonText). */
  unsafeIntegers: Map<number, string> | undefined;
  /** Rejections are appended here, in message order. */
  rejected: TelemetryRejection[];
}

type JsonObject = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one raw sample. Returns the sample, or undefined when it is rejected as a whole.
 * Bad metric values are dropped one by one and recorded, the rest of the sample is kept (I7).
 */
export function validateSample(
  raw: unknown,
  index: number,
  ctx: SampleContext,
): TelemetrySample | undefined {
  if (!isJsonObject(raw)) {
    return reject(ctx, index, 'invalid_shape', `sample is ${jsonTypeOf(raw)}, not an object`);
  }
  const ts = checkTimestamp(raw.ts, index, ctx);
  if (ts === undefined) return undefined;
  const { seq, state } = raw;
  if (seq !== undefined && !checkSeq(seq, index, ctx)) return undefined;
  if (state !== undefined && !isDeviceState(state)) {
    const shown = typeof state === 'string' ? quoteForDetail(state) : jsonTypeOf(state);
    return reject(ctx, index, 'invalid_state', `state ${shown} is not a known state`);
  }
  const metrics = checkMetrics(raw.metrics, index, ctx);
  if (metrics === undefined) return undefined;
  if (metrics.count === 0 && state === undefined) {
    return reject(ctx, index, 'empty_sample', 'sample has no valid metric and no state');
  }
  const sample: TelemetrySample = { deviceId: ctx.deviceId, ts, metrics: metrics.values };
  if (seq !== undefined) sample.seq = (seq as number) + 0;
  if (state !== undefined) sample.state = state;
  return sample;
}

/**
 * Epoch ms of `raw`, or undefined (recorded) when rejected. The window is checked before
 * integrality so that fractional epoch seconds (`1700000000.5`) count as `clock_skew` (I4).
 */
function checkTimestamp(raw: unknown, index: number, ctx: SampleContext): number | undefined {
  let ts: number;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return reject(ctx, index, 'non_finite', 'ts is not finite');
    if (isUnsafeInteger(raw, ctx)) return rejectUnsafe(ctx, index, 'ts', raw);
    ts = raw + 0;
  } else if (typeof raw === 'string') {
    ts = parseRfc3339(raw);
    if (Number.isNaN(ts)) {
      const detail = `ts ${quoteForDetail(raw)} is not an RFC 3339 date-time with offset`;
      return reject(ctx, index, 'invalid_timestamp', detail);
    }
  } else {
    const detail = `ts is ${jsonTypeOf(raw)}, expected epoch ms or RFC 3339`;
    return reject(ctx, index, 'invalid_timestamp', detail);
  }
  if (ts < ctx.minTs || ts > ctx.maxTs) {
    const detail = `ts ${ts} is outside [${ctx.minTs}, ${ctx.maxTs}] (epoch ms)`;
    return reject(ctx, index, 'clock_skew', detail);
  }
  if (!Number.isInteger(ts)) {
    return reject(ctx, index, 'invalid_timestamp', `ts ${ts} is not whole milliseconds`);
  }
  return ts;
}

function checkSeq(seq: unknown, index: number, ctx: SampleContext): boolean {
  if (typeof seq === 'number' && isUnsafeInteger(seq, ctx)) {
    rejectUnsafe(ctx, index, 'seq', seq);
    return false;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    const shown = typeof seq === 'number' ? String(seq) : jsonTypeOf(seq);
    reject(ctx, index, 'invalid_seq', `seq ${shown} is not a safe non-negative integer`);
    return false;
  }
  return true;
}

/** Valid metrics of a sample, or undefined (recorded) when `metrics` itself is unusable. */
function checkMetrics(
  raw: unknown,
  index: number,
  ctx: SampleContext,
): { values: Record<string, number>; count: number } | undefined {
  if (raw === undefined) return { values: {}, count: 0 };
  if (!isJsonObject(raw)) {
    return reject(ctx, index, 'invalid_shape', `metrics is ${jsonTypeOf(raw)}, not an object`);
  }
  const names = Object.keys(raw);
  if (names.length > ctx.maxMetrics) {
    const detail = `${names.length} metrics, at most ${ctx.maxMetrics} allowed`;
    return reject(ctx, index, 'too_many_metrics', detail);
  }
  if (allClean(raw, names, ctx))
    return { values: raw as Record<string, number>, count: names.length };
  const values: Record<string, number> = {};
  let count = 0;
  for (const name of names) {
    const value = raw[name];
    const reason = metricProblem(name, value, ctx);
    if (reason === undefined) {
      values[name] = (value as number) + 0; // + 0 turns -0 into 0
      count++;
    } else {
      reject(ctx, index, reason, metricDetail(reason, name, value, ctx));
    }
  }
  return { values, count };
}

/**
 * True when every metric is valid and none is -0: the parsed object then is already what the copy
 * below would build (same keys in the same order, same values), and is kept as is. Most messages
 * take this path; it spares one object and a boxed number per metric on the ingest hot path.
 */
function allClean(raw: JsonObject, names: readonly string[], ctx: SampleContext): boolean {
  for (const name of names) {
    const value = raw[name];
    if (metricProblem(name, value, ctx) !== undefined || Object.is(value, -0)) return false;
  }
  return true;
}

function metricProblem(name: string, value: unknown, ctx: SampleContext): RejectReason | undefined {
  if (!isValidMetricName(name)) return 'invalid_name';
  if (typeof value !== 'number') return 'type_mismatch';
  if (!Number.isFinite(value)) return 'non_finite';
  if (isUnsafeInteger(value, ctx)) return 'unsafe_integer';
  return undefined;
}

function metricDetail(reason: RejectReason, name: string, value: unknown, ctx: SampleContext) {
  const metric = `metric ${quoteForDetail(name)}`;
  switch (reason) {
    case 'invalid_name':
      return `${metric}: name must match [A-Za-z0-9_.-]{1,64}, not start with "_", not be reserved`;
    case 'type_mismatch':
      return `${metric}: value is ${jsonTypeOf(value)}, expected a number`;
    case 'unsafe_integer':
      return `${metric}: integer ${ctx.unsafeIntegers?.get(value as number)} is beyond 2^53`;
    default:
      return `${metric}: value is not finite`;
  }
}

/** True when `value` came from an integer literal JSON.parse could not represent exactly. */
function isUnsafeInteger(value: number, ctx: SampleContext): boolean {
  return (
    ctx.unsafeIntegers !== undefined &&
    Math.abs(value) > Number.MAX_SAFE_INTEGER &&
    ctx.unsafeIntegers.has(value)
  );
}

function rejectUnsafe(ctx: SampleContext, index: number, field: string, value: number): undefined {
  const literal = ctx.unsafeIntegers?.get(value);
  return reject(ctx, index, 'unsafe_integer', `${field} ${literal} is beyond 2^53`);
}

function reject(
  ctx: SampleContext,
  index: number,
  reason: RejectReason,
  detail: string,
): undefined {
  ctx.rejected.push({ reason, detail, index });
  return undefined;
}

/** JSON type name of a parsed value, for details ("string", "null", "array", ...). */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  return Array.isArray(value) ? 'array' : typeof value;
}
