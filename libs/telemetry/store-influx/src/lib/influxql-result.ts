import type { TelemetryRow } from '@hourglass/telemetry-store';
import { AGGREGATE_FIELD_PREFIX } from './influxql-downsampling';

/** The JSON InfluxDB answers on `/query`. */
export interface InfluxQlResult {
  results?: Array<{
    error?: string;
    series?: Array<{ name?: string; columns: string[]; values: unknown[][] }>;
  }>;
  error?: string;
}

/** The first error of any statement, if one failed. */
export function influxQlError(result: InfluxQlResult): string | undefined {
  return result.error ?? result.results?.find((r) => r.error)?.error;
}

/** The rows of the first series (times in epoch ms, as queried with `epoch=ms`), as columns by name. */
export function seriesRecords(result: InfluxQlResult): Array<Record<string, unknown>> {
  const series = result.results?.[0]?.series?.[0];
  if (!series) return [];
  return series.values.map((values) =>
    Object.fromEntries(series.columns.map((column, i) => [column, values[i]])),
  );
}

/**
 * Telemetry rows from a query of the telemetry measurement. `aggregated` rows come from a
 * `mean(*)` rollup: their fields are `mean_<metric>`, given back under the metric's name, and
 * the mean of `seq` (a counter) is dropped.
 */
export function toTelemetryRows(result: InfluxQlResult, aggregated = false): TelemetryRow[] {
  return seriesRecords(result).map((record) => {
    const row: TelemetryRow = { ts: Number(record['time']), metrics: {} };
    for (const [column, value] of Object.entries(record)) {
      if (value === null || value === undefined || column === 'time' || column === 'device')
        continue;
      if (aggregated) {
        if (!column.startsWith(AGGREGATE_FIELD_PREFIX) || typeof value !== 'number') continue;
        const name = column.slice(AGGREGATE_FIELD_PREFIX.length);
        if (name !== 'seq') row.metrics[name] = value;
      } else if (column === 'state') row.state = String(value);
      else if (column === 'seq') row.seq = Number(value);
      else if (typeof value === 'number') row.metrics[column] = value;
    }
    return row;
  });
}
