import type { SqlDatabase } from '@hourglass/platform-sql';
import { DAY_US, encodeDay } from './state-event-day.codec';
import { StateEventColumnsQuery, unpackEvents } from './state-event-columns.query';
import {
  LATE_AFTER_MS,
  StateEventDayRepository,
  type NewStateEventDay,
} from './state-event-day.repository';

/** Options of {@link StateEventDayCompactor}. */
export interface StateEventDayCompactorOptions {
  /**
   * How long after a UTC day ends it is packed, ms (default 1 h, `HG_BILLING_COMPACT_MARGIN_MS`;
   * at least the late-event index's 10 minutes plus `graceMs`).
   */
  marginMs?: number;
  /** How many closed days back are looked at on each pass (default 35; not an environment setting). */
  lookbackDays?: number;
  /**
   * Time allowed to an insert in flight, ms (default 60 s): a block holds the events received up to
   * the database's clock less this, so a row committed late with an earlier receipt is not missed.
   */
  graceMs?: number;
  /** Assets packed per statement (default 25). */
  pageAssets?: number;
  /** The clock (epoch ms); default `Date.now`. */
  now?: () => number;
}

/**
 * Packs closed UTC days of `state_events` into `state_event_days` (one block per asset and day),
 * which billing runs read instead of ~1,600 rows per asset-day. Idempotent: a day is packed once
 * it is `marginMs` old, and packed again when events of it arrive after its block was packed.
 * Raw rows are never changed.
 */
export class StateEventDayCompactor {
  private readonly days: StateEventDayRepository;
  private readonly columns: StateEventColumnsQuery;
  private readonly marginMs: number;
  private readonly lookbackDays: number;
  private readonly pageAssets: number;
  private readonly graceMs: number;
  private readonly now: () => number;

  constructor(db: SqlDatabase, options: StateEventDayCompactorOptions = {}) {
    this.days = new StateEventDayRepository(db);
    this.columns = new StateEventColumnsQuery(db);
    this.graceMs = Math.max(0, options.graceMs ?? 60_000);
    this.marginMs = Math.max(LATE_AFTER_MS + this.graceMs, options.marginMs ?? 3_600_000);
    this.lookbackDays = Math.max(1, options.lookbackDays ?? 35);
    this.pageAssets = Math.max(1, options.pageAssets ?? 25);
    this.now = options.now ?? Date.now;
  }

  /** One pass; resolves with the number of blocks written. */
  async compact(): Promise<number> {
    const packedThroughUs = await this.days.packedThroughNow(this.graceMs);
    // A block must be packed LATE_AFTER_MS after its day by both clocks (see LATE_AFTER_MS).
    const closedUs = Math.min(
      (this.now() - this.marginMs) * 1000,
      packedThroughUs - LATE_AFTER_MS * 1000,
    );
    const toDay = Math.floor(closedUs / DAY_US);
    const pending = await this.days.toPack(toDay - this.lookbackDays, toDay);
    let written = 0;
    for (let i = 0; i < pending.length;) {
      const day = pending[i].day;
      const assets: string[] = [];
      while (i < pending.length && pending[i].day === day && assets.length < this.pageAssets)
        assets.push(pending[i++].assetId);
      written += await this.pack(assets, day * DAY_US, packedThroughUs);
    }
    return written;
  }

  private async pack(assets: string[], dayUs: number, packedThroughUs: number): Promise<number> {
    const read = await this.columns.packedWithReceipt(
      assets,
      dayUs,
      dayUs + DAY_US,
      packedThroughUs,
    );
    const blocks: NewStateEventDay[] = read.map((r) => ({
      assetId: r.assetId,
      tenantId: r.tenantId,
      dayUs,
      events: r.n,
      payload: encodeDay(unpackEvents(r.packed, r.n), 0, r.n, dayUs),
      packedThroughUs,
      maxReceivedUs: r.maxReceivedUs,
    }));
    await this.days.upsert(blocks);
    return blocks.length;
  }
}
