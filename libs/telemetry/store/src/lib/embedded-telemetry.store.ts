import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { TelemetryStoreError, type TelemetryRange, type TelemetryRow, type TelemetryStore } from './telemetry-store';

interface Row {
  ts: Date;
  seq: number | null;
  state: string | null;
  metrics: Record<string, number>;
}

/**
 * The embedded telemetry store: a table in the embedded SQL database (PGlite by default), so
 * `npm start` needs no server. Keyed by (device, ts) like an InfluxDB series.
 */
export class EmbeddedTelemetryStore implements TelemetryStore {
  readonly kind = 'embedded' as const;

  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<EmbeddedTelemetryStore> {
    await db.query(`create table if not exists telemetry (
      device_id text not null, ts timestamptz not null, seq bigint, state text,
      metrics jsonb not null, primary key (device_id, ts))`);
    return new EmbeddedTelemetryStore(db);
  }

  async write(samples: readonly TelemetrySample[]): Promise<void> {
    if (samples.length === 0) return;
    // One row per key: within a batch the last sample wins, as a later InfluxDB write would.
    const byKey = new Map<string, TelemetrySample>();
    for (const s of samples) byKey.set(`${s.deviceId}\u0000${s.ts}`, s);
    const rows = [...byKey.values()];
    try {
      await this.db.query(
        `insert into telemetry (device_id, ts, seq, state, metrics)
         select d, t, s, st, m::jsonb
         from unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[]) as u(d, t, s, st, m)
         on conflict (device_id, ts) do update
           set seq = excluded.seq, state = excluded.state, metrics = telemetry.metrics || excluded.metrics`,
        [
          rows.map((r) => r.deviceId),
          rows.map((r) => new Date(r.ts).toISOString()),
          rows.map((r) => (r.seq === undefined ? null : r.seq)) as number[],
          rows.map((r) => r.state ?? null) as string[],
          rows.map((r) => JSON.stringify(r.metrics)),
        ],
      );
    } catch (error) {
      throw new TelemetryStoreError(`embedded telemetry write failed: ${(error as Error).message}`, true, undefined, {
        cause: error,
      });
    }
  }

  async query(deviceId: string, range: TelemetryRange): Promise<TelemetryRow[]> {
    const limit = range.limit ?? 100_000;
    const order = range.newest ? 'desc' : 'asc';
    const rows = await this.db.query<Row>(
      `select ts, seq, state, metrics from telemetry
       where device_id = $1 and ts >= $2 and ts < $3 order by ts ${order} limit $4`,
      [deviceId, new Date(range.from), new Date(range.to), limit],
    );
    if (range.newest) rows.reverse();
    const wanted = range.metrics;
    return rows.map((r) => ({
      ts: new Date(r.ts).getTime(),
      metrics: wanted ? pick(r.metrics, wanted) : r.metrics,
      ...(r.state ? { state: r.state } : {}),
      ...(r.seq !== null ? { seq: Number(r.seq) } : {}),
    }));
  }

  ping(): Promise<boolean> {
    return this.db.ping();
  }

  async close(): Promise<void> {
    // The SQL database is shared and closed by its owner.
  }
}

function pick(metrics: Record<string, number>, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) if (n in metrics) out[n] = metrics[n];
  return out;
}
