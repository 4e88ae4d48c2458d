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
    const rows = await this.db.query<{
      device_id: string;
      ms: number;
      state: string | null;
      metrics: Record<string, number>;
    }>(
      `select c.id as device_id, w.ms, w.state, w.metrics
       from unnest($1::text[], $2::timestamptz[]) with ordinality as c(id, after, n)
       cross join lateral (
         select extract(epoch from t.ts)::float8 * 1000 as ms, t.state, t.metrics from telemetry t
         where t.device_id = c.id and t.ts > c.after and t.ts < $3::timestamptz
         order by t.ts desc limit $4) w
       order by c.n, w.ms`,
      [
        requests.map((r) => r.deviceId),
        requests.map((r) => new Date(r.after).toISOString()),
        new Date(to).toISOString(),
        limit,
      ],
    );
    for (const r of rows) {
      let list = out.get(r.device_id);
      if (!list) out.set(r.device_id, (list = []));
      list.push({
        ts: Math.round(Number(r.ms)),
        metrics: r.metrics,
        ...(r.state ? { state: r.state } : {}),
      });
    }
    return out;
  }
}
