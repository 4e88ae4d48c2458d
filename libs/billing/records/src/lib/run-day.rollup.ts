import type { SqlDatabase } from '@hourglass/platform-sql';
import { DAY_US } from './state-event-day.codec';
import { LATE_AFTER_MS, StateEventDayRepository } from './state-event-day.repository';
import { RunDayRepository, type NewRunDay, type RunDaysToRoll } from './run-day.repository';
import { RunTimeQuery } from './run-time.query';

/** Billing's default heartbeat timeout (spec section 1), µs: the one customer success reads with. */
export const DEFAULT_RUN_DAY_TIMEOUT_US = 900 * 1_000_000;

/** Options of {@link RunDayRollupJob}. */
export interface RunDayRollupOptions {
  /**
   * How long after a UTC day ends it is rolled up, ms (default 1 h, `HG_BILLING_RUN_DAYS_MARGIN_MS`;
   * at least the late-event index's 10 minutes plus `graceMs`).
   */
  marginMs?: number;
  /** How many closed days back are kept rolled up (default 400; not an environment setting). */
  lookbackDays?: number;
  /** Time allowed to an insert in flight, ms (default 60 s), as for the day-block compactor. */
  graceMs?: number;
  /** Assets computed per statement (default 500). */
  pageAssets?: number;
  /** The heartbeat timeout the RUN time is computed with, µs (default 900 s). */
  timeoutUs?: number;
  /** The clock (epoch ms); default `Date.now`. */
  now?: () => number;
  /**
   * Rows written by one pass after which the table is analysed (default 100,000): a large pass, as
   * the first over a fleet's history, changes what the reads' plans should see.
   */
  analyzeAfterRows?: number;
}

/**
 * Keeps `state_event_run_days` filled: RUN micros per asset and closed UTC day, computed by
 * {@link RunTimeQuery.runPerDay} (the same walk as every RUN-time read), with a running total.
 * Idempotent: each pass computes the days after an asset's last computed day, and again every day
 * from the first one an event received after it was computed could change (a late event changes
 * its day and, through the carry-in, the days after it). Raw events are never changed.
 */
export class RunDayRollupJob {
  private readonly days: RunDayRepository;
  private readonly clock: StateEventDayRepository;
  private readonly runTime: RunTimeQuery;
  private readonly marginMs: number;
  private readonly lookbackDays: number;
  private readonly graceMs: number;
  private readonly pageAssets: number;
  private readonly timeoutUs: number;
  private readonly now: () => number;
  private readonly analyzeAfterRows: number;

  constructor(
    private readonly db: SqlDatabase,
    options: RunDayRollupOptions = {},
  ) {
    this.days = new RunDayRepository(db);
    this.clock = new StateEventDayRepository(db);
    this.runTime = new RunTimeQuery(db);
    this.graceMs = Math.max(0, options.graceMs ?? 60_000);
    this.marginMs = Math.max(LATE_AFTER_MS + this.graceMs, options.marginMs ?? 3_600_000);
    this.lookbackDays = Math.max(1, options.lookbackDays ?? 400);
    this.pageAssets = Math.max(1, options.pageAssets ?? 500);
    this.timeoutUs = options.timeoutUs ?? DEFAULT_RUN_DAY_TIMEOUT_US;
    this.now = options.now ?? Date.now;
    this.analyzeAfterRows = Math.max(1, options.analyzeAfterRows ?? 100_000);
  }

  /** One pass; resolves with the number of asset-days written. */
  async roll(): Promise<number> {
    const throughUs = await this.clock.packedThroughNow(this.graceMs);
    // A day is rolled up LATE_AFTER_MS after its end by both clocks, so any event of it received
    // after its row was computed is in the late-event index that reads check.
    const closedUs = Math.min(
      (this.now() - this.marginMs) * 1000,
      throughUs - LATE_AFTER_MS * 1000,
    );
    const toDay = Math.floor(closedUs / DAY_US);
    const pending = await this.days.toRoll(toDay - this.lookbackDays, toDay);
    const byStart = new Map<number, RunDaysToRoll[]>();
    for (const p of pending) byStart.set(p.fromDay, [...(byStart.get(p.fromDay) ?? []), p]);
    let written = 0;
    for (const [fromDay, assets] of byStart)
      for (let i = 0; i < assets.length; i += this.pageAssets)
        written += await this.rollPage(
          assets.slice(i, i + this.pageAssets),
          fromDay,
          toDay,
          throughUs,
        );
    if (written >= this.analyzeAfterRows) await this.db.query('analyze state_event_run_days');
    return written;
  }

  private async rollPage(
    assets: RunDaysToRoll[],
    fromDay: number,
    toDay: number,
    throughUs: number,
  ): Promise<number> {
    const runs = await this.runTime.runPerDay(
      assets.map((a) => a.assetId),
      fromDay,
      toDay,
      throughUs,
      this.timeoutUs,
    );
    const rows: NewRunDay[] = [];
    for (const a of assets) {
      let cum = a.baseCumUs;
      (runs.get(a.assetId) ?? []).forEach((runUs, i) => {
        cum += runUs;
        rows.push({
          assetId: a.assetId,
          day: fromDay + i,
          runUs,
          cumRunUs: cum,
          chainStart: a.chainStart,
        });
      });
    }
    await this.days.upsert(rows, this.timeoutUs, throughUs);
    return rows.length;
  }
}
