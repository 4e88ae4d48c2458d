/** One row of an InfluxQL result: the columns by name, plus the series' tags (GROUP BY). */
export type InfluxRow = Record<string, unknown>;

/** Options of {@link influxQuery}. */
export interface InfluxQueryOptions {
  database?: string;
  retentionPolicy?: string;
  /** Times as numbers in this unit instead of RFC 3339 strings. */
  epoch?: 'ns' | 'u' | 'ms' | 's';
}

interface V1Response {
  error?: string;
  results?: Array<{
    error?: string;
    series?: Array<{
      name: string;
      tags?: Record<string, string>;
      columns: string[];
      values: unknown[][];
    }>;
  }>;
}

/**
 * Runs InfluxQL against the v1 API (`POST /query`) and returns the rows of every statement and
 * series, flattened. Throws with InfluxDB's message when a statement fails.
 */
export async function influxQuery(
  v1Url: string,
  influxql: string,
  options: InfluxQueryOptions = {},
): Promise<InfluxRow[]> {
  const params = new URLSearchParams({ q: influxql });
  if (options.database) params.set('db', options.database);
  if (options.retentionPolicy) params.set('rp', options.retentionPolicy);
  if (options.epoch) params.set('epoch', options.epoch);
  const response = await fetch(`${v1Url}/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  });
  const text = await response.text();
  let body: V1Response;
  try {
    body = JSON.parse(text) as V1Response;
  } catch {
    throw new Error(`InfluxQL "${influxql}": HTTP ${response.status} ${text}`);
  }
  const failure = body.error ?? body.results?.find((result) => result.error)?.error;
  if (failure || !response.ok)
    throw new Error(`InfluxQL "${influxql}": ${failure ?? `HTTP ${response.status}`}`);
  return (body.results ?? []).flatMap((result) =>
    (result.series ?? []).flatMap((series) =>
      series.values.map((values) => ({
        ...series.tags,
        ...Object.fromEntries(series.columns.map((column, i) => [column, values[i]])),
      })),
    ),
  );
}
