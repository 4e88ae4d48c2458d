import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import {
  AGGREGATE_TABLES,
  PENDING_TABLE,
  ROLLUP_HOURS_STATEMENT,
  ROLLUP_MINUTES_STATEMENT,
  TAKE_DUE_STATEMENT,
  bucketSeconds,
  retentionDeleteStatement,
  type AggregateResolution,
} from './embedded-telemetry.sql';
import type { TelemetryResolution, TelemetryRetention } from './telemetry-retention';

/** What one {@link EmbeddedTelemetryStore.downsample} run did. */
export interface EmbeddedDownsampleResult {
  /** Buckets written (new or recomputed), per aggregate resolution. */
  rolledUp: Record<AggregateResolution, number>;
  /** Rows deleted because they were past their retention, per resolution. */
  deleted: Record<TelemetryResolution, number>;
}

/** Pending buckets rolled up per transaction: bounds its size when a long backlog is caught up. */
const ROLLUP_CHUNK = 2_000;
/** Rows deleted per statement, for the same reason. */
const DELETE_CHUNK = 50_000;
/** PGlite has no autovacuum: a table is vacuumed by hand once this many of its rows are dead. */
const VACUUM_AFTER_DEAD_ROWS = 50_000;

const ROLLUPS: ReadonlyArray<{
  resolution: AggregateResolution;
  statement: string;
  sourceRetention: keyof TelemetryRetention;
}> = [
  { resolution: '1m', statement: ROLLUP_MINUTES_STATEMENT, sourceRetention: 'rawMs' },
  { resolution: '1h', statement: ROLLUP_HOURS_STATEMENT, sourceRetention: 'oneMinuteMs' },
];

const RETENTION: ReadonlyArray<{
  resolution: TelemetryResolution;
  table: string;
  column: 'ts' | 'bucket';
  key: keyof TelemetryRetention;
}> = [
  { resolution: 'raw', table: 'telemetry', column: 'ts', key: 'rawMs' },
  { resolution: '1m', table: AGGREGATE_TABLES['1m'], column: 'bucket', key: 'oneMinuteMs' },
  { resolution: '1h', table: AGGREGATE_TABLES['1h'], column: 'bucket', key: 'oneHourMs' },
];

/** `now - keepMs` as a bound parameter; `-infinity` when kept forever. */
function cutoff(nowMs: number, keepMs: number): SqlValue {
  return Number.isFinite(keepMs) ? new Date(nowMs - keepMs) : '-infinity';
}

/**
 * Rolls up completed buckets and applies retention for the embedded store. Rolling up comes
 * first, minutes before hours, so a completed hour sees all of its minutes and raw samples are
 * never deleted before their minute is aggregated.
 */
export class EmbeddedTelemetryDownsampler {
  /** Rows deleted per table since it was last vacuumed (PGlite only). */
  private readonly dead = new Map<string, number>();
  /** The run in progress: runs never overlap, a timer firing during a long catch-up waits for it. */
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: SqlDatabase,
    private readonly retention: TelemetryRetention,
  ) {}

  /** One pass at `nowMs`; waits for a pass still running. */
  run(nowMs: number): Promise<EmbeddedDownsampleResult> {
    const next = this.running.catch(() => undefined).then(() => this.runNow(nowMs));
    this.running = next;
    return next;
  }

  private async runNow(nowMs: number): Promise<EmbeddedDownsampleResult> {
    const result: EmbeddedDownsampleResult = {
      rolledUp: { '1m': 0, '1h': 0 },
      deleted: { raw: 0, '1m': 0, '1h': 0 },
    };
    for (const rollup of ROLLUPS)
      result.rolledUp[rollup.resolution] = await this.rollUp(rollup, nowMs);
    for (const { resolution, table, column, key } of RETENTION) {
      if (!Number.isFinite(this.retention[key])) continue;
      const before = cutoff(nowMs, this.retention[key]);
      result.deleted[resolution] = await this.deleteBefore(table, column, before);
      this.died(table, result.deleted[resolution]);
    }
    await this.vacuumIfDue();
    return result;
  }

  /** Rolls up every complete pending bucket of one resolution, chunk by chunk; returns how many were written. */
  private async rollUp(rollup: (typeof ROLLUPS)[number], nowMs: number): Promise<number> {
    // A bucket is complete once its end has passed: its start is at least one width before now.
    const lastStart = new Date(nowMs - bucketSeconds(rollup.resolution) * 1000);
    const sourceCutoff = cutoff(nowMs, this.retention[rollup.sourceRetention]);
    let written = 0;
    for (let chunks = 0, taken = ROLLUP_CHUNK; taken === ROLLUP_CHUNK; chunks++) {
      // A backlog: fresh statistics let the planner take each chunk in index order instead of
      // reading every pending row per chunk (PGlite never analyzes by itself).
      if (chunks === 1) await this.db.query(`analyze ${PENDING_TABLE}`);
      const chunk = await this.rollUpChunk(
        rollup.resolution,
        rollup.statement,
        lastStart,
        sourceCutoff,
      );
      taken = chunk.taken;
      written += chunk.written;
      this.died(PENDING_TABLE, taken);
    }
    return written;
  }

  /** Takes up to ROLLUP_CHUNK due buckets and recomputes them, in one transaction: a failure puts them back. */
  private rollUpChunk(
    resolution: AggregateResolution,
    statement: string,
    lastStart: Date,
    sourceCutoff: SqlValue,
  ) {
    return this.db.transaction(async (tx) => {
      const due = await tx.query<{ device_id: string; bucket: Date }>(TAKE_DUE_STATEMENT, [
        resolution,
        lastStart,
        ROLLUP_CHUNK,
      ]);
      if (due.length === 0) return { taken: 0, written: 0 };
      const [row] = await tx.query<{ buckets: number }>(statement, [
        due.map((d) => d.device_id),
        due.map((d) => new Date(d.bucket).toISOString()),
        sourceCutoff,
      ]);
      return { taken: due.length, written: Number(row?.buckets ?? 0) };
    });
  }

  private async deleteBefore(
    table: string,
    column: 'ts' | 'bucket',
    before: SqlValue,
  ): Promise<number> {
    let total = 0;
    for (let deleted = DELETE_CHUNK; deleted === DELETE_CHUNK; total += deleted) {
      const [row] = await this.db.query<{ deleted_rows: number }>(
        retentionDeleteStatement(table, column),
        [before, DELETE_CHUNK],
      );
      deleted = Number(row?.deleted_rows ?? 0);
    }
    return total;
  }

  private died(table: string, rows: number): void {
    if (this.db.kind === 'pglite' && rows > 0)
      this.dead.set(table, (this.dead.get(table) ?? 0) + rows);
  }

  /** Without vacuum, PGlite never reuses the space of deleted rows, and never gathers statistics. */
  private async vacuumIfDue(): Promise<void> {
    for (const [table, rows] of this.dead) {
      if (rows < VACUUM_AFTER_DEAD_ROWS) continue;
      await this.db.query(`vacuum (analyze) ${table}`);
      this.dead.set(table, 0);
    }
  }
}
