import type { ResolvedMetric } from './sparkplug-session';

const NUMERIC = new Set([
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float',
  'Double',
]);

/** Sample objects for the telemetry validator, and what could not become one. */
export interface SparkplugSampleValues {
  /** `{batch: [{ts, metrics}]}` as a JSON message would carry it, or null when nothing is numeric. */
  message: { batch: Array<{ ts: number; metrics: Record<string, number> }> } | null;
  /** Metrics of a type that is not a number (String, DataSet, Template, ...): not stored. */
  ignored: number;
  /** 64-bit integers beyond 2^53, which a double would round. */
  unsafe: string[];
}

/**
 * The Sparkplug metric name as a telemetry metric name: `/` (Sparkplug's folders) becomes `.` and a
 * space `_`; anything else the name pattern refuses is then refused by the validator (`invalid_name`).
 */
export function sparkplugMetricName(name: string): string {
  return name.replaceAll('/', '.').replaceAll(' ', '_');
}

/**
 * Groups resolved metrics into samples by timestamp (the metric's, else the payload's, else
 * `nowMs`): numbers as they are, Booleans as 1 and 0, other types left out.
 */
export function sparkplugSampleValues(
  metrics: readonly ResolvedMetric[],
  payloadTimestamp: number | undefined,
  nowMs: number,
): SparkplugSampleValues {
  const byTs = new Map<number, Record<string, number>>();
  let ignored = 0;
  const unsafe: string[] = [];
  for (const m of metrics) {
    let value: number;
    if (m.type === 'Boolean' && typeof m.value === 'boolean') value = m.value ? 1 : 0;
    else if (NUMERIC.has(m.type) && typeof m.value === 'number') value = m.value;
    else if (NUMERIC.has(m.type) && typeof m.value === 'bigint') {
      unsafe.push(`${m.name}: integer ${m.value} is beyond 2^53`);
      continue;
    } else {
      ignored++;
      continue;
    }
    const ts = m.timestamp ?? payloadTimestamp ?? nowMs;
    let sample = byTs.get(ts);
    if (!sample) byTs.set(ts, (sample = {}));
    sample[sparkplugMetricName(m.name)] = value;
  }
  const batch = [...byTs].map(([ts, values]) => ({ ts, metrics: values }));
  return { message: batch.length > 0 ? { batch } : null, ignored, unsafe };
}
