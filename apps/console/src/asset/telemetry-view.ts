import type { ChartSeries } from '../components/TimeSeriesChart';
import type { TelemetryRow } from '../api/types';

/** The range buttons of the asset page. */
export type RangeKey = '1h' | '1d' | '7d' | '30d' | '1y';
const HOUR = 3_600_000;
export const RANGES: Readonly<Record<RangeKey, number>> = {
  '1h': HOUR,
  '1d': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
  '1y': 365 * 24 * HOUR,
};

/** The telemetry query of a range ending now (the API picks raw, 1-minute or 1-hour rows from its span). */
export function telemetryPath(
  assetId: string,
  range: RangeKey,
  nowMs: number,
  metrics: readonly string[],
): string {
  const params = new URLSearchParams({ from: String(nowMs - RANGES[range]), to: String(nowMs) });
  if (metrics.length) params.set('metrics', metrics.join(','));
  return `/api/assets/${encodeURIComponent(assetId)}/telemetry?${params.toString()}`;
}

const natural = new Intl.Collator('en', { numeric: true });

/** Every metric name in `rows`, in natural order (s2 before s10). */
export function metricNames(rows: readonly TelemetryRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const n of Object.keys(r.metrics)) names.add(n);
  return [...names].sort(natural.compare);
}

/** The metrics shown first: sensors rather than the cycle counter and operating settings. */
export function defaultMetrics(names: readonly string[], count = 3): string[] {
  const sensors = names.filter((n) => !/^(cycle|setting)/.test(n));
  return (sensors.length ? sensors : names).slice(0, count);
}

/** One chart line per chosen metric, skipping rows without it. */
export function toSeries(rows: readonly TelemetryRow[], metrics: readonly string[]): ChartSeries[] {
  return metrics.map((name) => ({
    name,
    points: rows
      .filter((r) => typeof r.metrics[name] === 'number')
      .map((r): [number, number] => [r.ts, r.metrics[name]]),
  }));
}

/** The rows of a telemetry answer the chart can draw: a numeric `ts` and a `metrics` record. */
export function telemetryRows(items: ReadonlyArray<Record<string, unknown>>): TelemetryRow[] {
  return items.filter(
    (r): r is Record<string, unknown> & TelemetryRow =>
      typeof r['ts'] === 'number' && typeof r['metrics'] === 'object' && r['metrics'] !== null,
  );
}
