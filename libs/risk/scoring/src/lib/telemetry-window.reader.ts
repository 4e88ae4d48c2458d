import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetryRow, TelemetryStore } from '@hourglass/telemetry-store';

/** Which rows of one device to read: those after `after` (exclusive), epoch ms. */
export interface WindowRequest {
  deviceId: string;
  after: number;
}

/** Reads the recent raw telemetry of many devices for a scoring batch. */
export interface TelemetryWindowReader {
  /**
   * For each request, the newest `limit` raw rows with `after < ts < to`, oldest first. Devices
   * without rows may be missing from the map.
   */
  read(
    requests: readonly WindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>>;
}

/** Options of {@link StoreWindowReader}. */
export interface StoreWindowReaderOptions {
  /** Device queries in flight at once (default 16). */
  concurrency: number;
}

/** Any telemetry store (InfluxDB included): one query per device, a few in flight. */
export class StoreWindowReader implements TelemetryWindowReader {
  private readonly concurrency: number;

  constructor(
    private readonly store: TelemetryStore,
    options: Partial<StoreWindowReaderOptions> = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
  }

  async read(
    requests: readonly WindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>> {
    const out = new Map<string, TelemetryRow[]>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++];
        out.set(
          r.deviceId,
          await this.store.query(r.deviceId, { from: r.after + 1, to, limit, newest: true }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, requests.length) }, worker));
    return out;
  }
}

/**
 * The embedded telemetry store's raw table (`telemetry (device_id, ts, seq, state, metrics jsonb)`,
 * see `@hourglass/telemetry-store`) read for a whole batch in one statement: a lateral index range
 * scan per device, instead of one round trip per device.
 */
export class EmbeddedWindowReader implements TelemetryWindowReader {
  constructor(private readonly db: SqlDatabase) {}

  async read(
    requests: readonly WindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>> {
    const out = new Map<string, TelemetryRow[]>();
    if (requests.length === 0) return out;
    // One JSON document for the batch: the embedded database hands rows over one field at a time
    // in JavaScript, JSON.parse takes the whole batch natively.
    const [row] = await this.db.query<{ list: unknown }>(
      `select coalesce(json_agg(json_build_array(c.id, w.ms, w.state, w.metrics) order by c.n, w.ms), '[]') as list
       from unnest($1::text[], $2::timestamptz[]) with ordinality as c(id, after, n)
       cross join lateral (
         select (extract(epoch from t.ts) * 1000)::float8 as ms, t.state, t.metrics from telemetry t
         where t.device_id = c.id and t.ts > c.after and t.ts < $3::timestamptz
         order by t.ts desc limit $4) w`,
      [
        requests.map((r) => r.deviceId),
        requests.map((r) => new Date(r.after).toISOString()),
        new Date(to).toISOString(),
        limit,
      ],
    );
    const raw = row?.list;
    const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<
      [string, number, string | null, Record<string, number>]
    >;
    for (const [deviceId, ms, state, metrics] of list) {
      let rows = out.get(deviceId);
      if (!rows) out.set(deviceId, (rows = []));
      rows.push({ ts: Math.round(ms), metrics, ...(state ? { state } : {}) });
    }
    return out;
  }
}
