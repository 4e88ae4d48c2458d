import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import {
  EmbeddedTelemetryDownsampler,
  type EmbeddedDownsampleResult,
} from './embedded-telemetry-downsampler';
import {
  RECENT_WINDOWS_STATEMENT,
  SCHEMA_STATEMENTS,
  SEED_PENDING_STATEMENT,
  WRITE_STATEMENT,
  aggregateReadStatement,
} from './embedded-telemetry.sql';
import {
  resolveTelemetryRetention,
  type TelemetryRetention,
  type TelemetryRetentionOptions,
} from './telemetry-retention';
import {
  TelemetryStoreError,
  type RecentWindowRequest,
  type TelemetryRange,
  type TelemetryRow,
  type TelemetryStore,
} from './telemetry-store';

interface Row {
  ts: Date;
  seq?: number | null;
  state?: string | null;
  metrics: Record<string, number>;
}

/** Options of {@link EmbeddedTelemetryStore.open}. */
export interface EmbeddedTelemetryStoreOptions {
  /** How long raw samples and 1-minute and 1-hour means are kept (see DEFAULT_TELEMETRY_RETENTION). */
  retention?: TelemetryRetentionOptions;
}

/** Rows a query returns when it sets no limit. */
const DEFAULT_LIMIT = 100_000;

/**
 * The embedded telemetry store: a table in the embedded SQL database (PGlite by default), so
 * `npm start` needs no server. Keyed by (device, ts) like an InfluxDB series. Raw samples are
 * rolled up into 1-minute and 1-hour means and expired by {@link downsample}, which the
 * composition root calls periodically.
 */
export class EmbeddedTelemetryStore implements TelemetryStore {
  readonly kind = 'embedded' as const;
  private readonly downsampler: EmbeddedTelemetryDownsampler;

  private constructor(
    private readonly db: SqlDatabase,
    readonly retention: TelemetryRetention,
  ) {
    this.downsampler = new EmbeddedTelemetryDownsampler(db, retention);
  }

  /** Creates the tables when missing; samples stored before the rollup existed are queued for it. */
  static async open(
    db: SqlDatabase,
    options: EmbeddedTelemetryStoreOptions = {},
  ): Promise<EmbeddedTelemetryStore> {
    const retention = resolveTelemetryRetention(options.retention);
    const [before] = await db.query<{ missing: boolean }>(
      `select to_regclass('telemetry_rollup_pending') is null as missing`,
    );
    for (const statement of SCHEMA_STATEMENTS) await db.query(statement);
    if (before?.missing) await db.query(SEED_PENDING_STATEMENT);
    return new EmbeddedTelemetryStore(db, retention);
  }

  async write(samples: readonly TelemetrySample[]): Promise<void> {
    if (samples.length === 0) return;
    // One row per key: within a batch the last sample wins, as a later InfluxDB write would.
    const byKey = new Map<string, TelemetrySample>();
    for (const s of samples) byKey.set(`${s.deviceId}\u0000${s.ts}`, s);
    const rows = [...byKey.values()];
    try {
      await this.db.query(WRITE_STATEMENT, [
        rows.map((r) => r.deviceId),
        rows.map((r) => new Date(r.ts).toISOString()),
        rows.map((r) => (r.seq === undefined ? null : r.seq)) as number[],
        rows.map((r) => r.state ?? null) as string[],
        rows.map((r) => JSON.stringify(r.metrics)),
      ]);
    } catch (error) {
      throw new TelemetryStoreError(
        `embedded telemetry write failed: ${(error as Error).message}`,
        true,
        undefined,
        {
          cause: error,
        },
      );
    }
  }

  async query(deviceId: string, range: TelemetryRange): Promise<TelemetryRow[]> {
    const resolution = range.resolution ?? 'raw';
    const text =
      resolution === 'raw'
        ? `select ts, seq, state, metrics from telemetry
           where device_id = $1 and ts >= $2 and ts < $3 order by ts ${range.newest ? 'desc' : 'asc'} limit $4`
        : aggregateReadStatement(resolution, range.newest === true);
    const rows = await this.db.query<Row>(text, [
      deviceId,
      new Date(range.from),
      new Date(range.to),
      range.limit ?? DEFAULT_LIMIT,
    ]);
    if (range.newest) rows.reverse();
    const wanted = range.metrics;
    return rows.map((r) => ({
      ts: new Date(r.ts).getTime(),
      metrics: wanted ? pick(r.metrics, wanted) : r.metrics,
      ...(r.state ? { state: r.state } : {}),
      ...(r.seq !== null && r.seq !== undefined ? { seq: Number(r.seq) } : {}),
    }));
  }

  /**
   * For each request, the newest `limit` raw rows with `after < ts < to`, oldest first, read for
   * the whole batch in one statement (instead of one {@link query} per device). Devices without
   * rows are missing from the map.
   */
  async readRecentWindows(
    requests: readonly RecentWindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>> {
    const out = new Map<string, TelemetryRow[]>();
    if (requests.length === 0) return out;
    const [row] = await this.db.query<{ list: unknown }>(RECENT_WINDOWS_STATEMENT, [
      requests.map((r) => r.deviceId),
      requests.map((r) => new Date(r.after).toISOString()),
      new Date(to).toISOString(),
      limit,
    ]);
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

  /**
   * Rolls up every completed minute and hour that received samples since the last run (recomputing
   * whole buckets, so reruns and redelivered samples never double count), then deletes rows past
   * their retention. Call it periodically (every minute or so); `nowMs` is the current time.
   */
  downsample(nowMs: number = Date.now()): Promise<EmbeddedDownsampleResult> {
    return this.downsampler.run(nowMs);
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
