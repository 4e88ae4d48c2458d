import type { InfluxRow } from '@hourglass/testing-services';

/**
 * InfluxQL on InfluxDB's v1 API against `db`: the rows of every series, flattened, with the series'
 * tags (GROUP BY) as columns; times as epoch ms. Throws with InfluxDB's message on an error.
 */
export async function influxQl(v1Url: string, db: string, q: string): Promise<InfluxRow[]> {
  const response = await fetch(`${v1Url}/query?${new URLSearchParams({ db, q, epoch: 'ms' })}`, {
    method: 'POST',
  });
  const body = (await response.json()) as {
    error?: string;
    results?: Array<{
      error?: string;
      series?: Array<{ tags?: Record<string, string>; columns: string[]; values: unknown[][] }>;
    }>;
  };
  const error = body.error ?? body.results?.find((r) => r.error)?.error;
  if (!response.ok || error) throw new Error(`InfluxQL ${q}: ${error ?? response.status}`);
  return (body.results ?? []).flatMap((result) =>
    (result.series ?? []).flatMap((series) =>
      series.values.map((values) => ({
        ...series.tags,
        ...Object.fromEntries(series.columns.map((column, i) => [column, values[i]])),
      })),
    ),
  );
}
