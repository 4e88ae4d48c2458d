import type { TelemetryStore } from '@hourglass/telemetry-store';
import type { MetricSample } from './rule-evaluator';

/**
 * One metric of one asset over `[from, to)`, oldest first, at most `limit` samples (the oldest:
 * the caller continues after the last one it got). `truncated` says the range held more.
 */
export async function readMetricHistory(
  store: Pick<TelemetryStore, 'query'>,
  assetId: string,
  metric: string,
  range: { from: number; to: number; limit: number },
): Promise<{ samples: MetricSample[]; truncated: boolean }> {
  const rows = await store.query(assetId, {
    from: range.from,
    to: range.to,
    metrics: [metric],
    limit: range.limit + 1,
  });
  const samples: MetricSample[] = [];
  for (const row of rows.slice(0, range.limit)) {
    const value = row.metrics[metric];
    if (typeof value === 'number') samples.push({ ts: row.ts, value });
  }
  return { samples, truncated: rows.length > range.limit };
}
