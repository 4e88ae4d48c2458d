import { get as sparkplugNamespace } from 'sparkplug-payload';
import { org } from 'sparkplug-payload/lib/sparkplugPayloadProto';

/** Value of a decoded metric: 64-bit integers beyond 2^53 stay exact as bigint. */
export type SparkplugValue = number | bigint | boolean | string | Uint8Array | null | object;

/** One metric of a Sparkplug B payload, with the protobuf `Long`s turned into plain numbers. */
export interface SparkplugMetric {
  name?: string;
  alias?: number;
  /**
   * The Sparkplug datatype name (`Double`, `Int32`, `Boolean`, ...); `Unknown` when the message left
   * it out (Sparkplug 3.0 §6.4.16: data messages should), and `value` is then the raw protobuf field.
   */
  type: string;
  value: SparkplugValue;
  /** Epoch ms. */
  timestamp?: number;
  isNull: boolean;
}

/** A decoded Sparkplug B payload. */
export interface SparkplugPayload {
  /** Epoch ms. */
  timestamp?: number;
  /** 0..255 (absent in NDEATH). */
  seq?: number;
  metrics: SparkplugMetric[];
}

/** Thrown when a payload is not a Sparkplug B protobuf. */
export class SparkplugDecodeError extends Error {
  readonly code = 'SPARKPLUG_INVALID_PAYLOAD';
}

// The only namespace this package knows; `get` returns null for any other.
const codec = sparkplugNamespace('spBv1.0');
if (!codec) throw new Error('sparkplug-payload has no spBv1.0 codec');
const spB = codec;

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
  toString(): string;
}

function isLong(value: unknown): value is LongLike {
  return typeof value === 'object' && value !== null && 'low' in value && 'high' in value;
}

/** A protobuf 64-bit integer as a number when exact, else as a bigint. */
function fromLong(value: unknown): number | bigint | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  if (!isLong(value)) return undefined;
  const big = BigInt(value.toString());
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big;
}

function asNumber(value: unknown): number | undefined {
  const n = fromLong(value);
  return typeof n === 'number' ? n : undefined;
}

/** Decodes one Sparkplug B payload; throws {@link SparkplugDecodeError} on anything else. */
export function decodeSparkplugPayload(bytes: Uint8Array): SparkplugPayload {
  let raw: ReturnType<typeof spB.decodePayload>;
  try {
    raw = spB.decodePayload(bytes);
  } catch (error) {
    throw new SparkplugDecodeError(`not a Sparkplug B payload: ${(error as Error).message}`);
  }
  // The package decodes a value only through its datatype: read untyped ones from the raw fields.
  const untyped = raw.metrics?.some((m) => !m.type) ? rawMetrics(bytes) : [];
  const metrics = (raw.metrics ?? []).map((m, i): SparkplugMetric => {
    const value = m.type ? m.value : rawValue(untyped[i]);
    const metric: SparkplugMetric = {
      type: m.type ?? 'Unknown',
      value: isLong(value) ? (fromLong(value) ?? null) : (value ?? null),
      isNull: m.isNull === true,
    };
    if (m.name) metric.name = m.name;
    const alias = asNumber(m.alias);
    if (alias !== undefined) metric.alias = alias;
    const timestamp = asNumber(m.timestamp);
    if (timestamp !== undefined) metric.timestamp = timestamp;
    return metric;
  });
  const payload: SparkplugPayload = { metrics };
  const timestamp = asNumber(raw.timestamp);
  if (timestamp !== undefined) payload.timestamp = timestamp;
  const seq = asNumber(raw.seq);
  if (seq !== undefined) payload.seq = seq;
  return payload;
}

type RawMetric = org.eclipse.tahu.protobuf.Payload.IMetric;

function rawMetrics(bytes: Uint8Array): RawMetric[] {
  return org.eclipse.tahu.protobuf.Payload.decode(bytes).metrics ?? [];
}

/** The one value field a metric without datatype has set (protobuf `oneof value`). */
function rawValue(m: RawMetric | undefined): unknown {
  if (!m) return null;
  for (const field of [
    'intValue',
    'longValue',
    'floatValue',
    'doubleValue',
    'booleanValue',
    'stringValue',
  ] as const) {
    if (Object.prototype.hasOwnProperty.call(m, field)) return m[field];
  }
  return null;
}

/** What {@link encodeSparkplugPayload} takes: a metric has a name, an alias or both. */
export interface SparkplugMetricInput {
  name?: string;
  alias?: number;
  type: string;
  value: number | boolean | string | null;
  timestamp?: number;
}

/** Encodes a Sparkplug B payload (the platform's NCMD; simulated edge nodes in tests and the bench). */
export function encodeSparkplugPayload(payload: {
  timestamp?: number;
  seq?: number;
  metrics: readonly SparkplugMetricInput[];
}): Buffer {
  return Buffer.from(
    spB.encodePayload({
      timestamp: payload.timestamp,
      seq: payload.seq,
      metrics: payload.metrics.map((m) => ({ ...m, type: m.type as never })),
    }),
  );
}
