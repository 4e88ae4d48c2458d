import { emptyColumns, type EventColumns, type Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import { DAY_US, decodeDayInto } from './state-event-day.codec';
import { StateEventColumnsQuery, unpackEventsInto } from './state-event-columns.query';
import { StateEventDayRepository, type StateEventDay } from './state-event-day.repository';

/** A part of one asset's period: a usable day block, or a range of raw rows. */
type Segment =
  | { startUs: Micros; block: StateEventDay }
  | { startUs: Micros; endUs: Micros; block: null; range?: number };

/**
 * The period's events of assets as engine columns ({@link StateEventColumnsQuery.columns}), read
 * from day blocks (`state_event_days`) where a block gives exactly the events received up to the
 * cutoff, and from raw rows for the rest (days not packed, or whose block the cutoff or late events
 * rule out). Days are disjoint ranges of observed time, so the parts concatenated in time order are
 * the columns the raw rows alone give.
 */
export class PeriodColumnsReader {
  private readonly raw: StateEventColumnsQuery;
  private readonly days: StateEventDayRepository;

  constructor(
    db: SqlDatabase,
    private readonly useBlocks = true,
  ) {
    this.raw = new StateEventColumnsQuery(db);
    this.days = new StateEventDayRepository(db);
  }

  async columns(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<Map<string, EventColumns>> {
    const blocks = this.useBlocks
      ? await this.days.usable(scope, assetIds, startUs, endUs, cutoffUs)
      : [];
    if (blocks.length === 0) return this.raw.columns(scope, assetIds, startUs, endUs, cutoffUs);
    const plan = segmentsOf(assetIds, blocks, startUs, endUs);
    const ranges: Array<{ assetId: string; startUs: Micros; endUs: Micros }> = [];
    for (const [assetId, segments] of plan)
      for (const s of segments) {
        if (s.block) continue;
        s.range = ranges.length;
        ranges.push({ assetId, startUs: s.startUs, endUs: s.endUs });
      }
    const read = await this.raw.ranges(
      scope,
      ranges.map((r) => r.assetId),
      ranges.map((r) => r.startUs),
      ranges.map((r) => r.endUs),
      cutoffUs,
    );
    const found = new Map<string, EventColumns>();
    for (const [assetId, segments] of plan) {
      const parts = segments.map((s) => (s.block ? s.block : read.get(s.range as number)));
      const capacity = parts.reduce((n, p) => n + (p ? ('events' in p ? p.events : p.n) : 0), 0);
      if (capacity === 0) continue;
      const cols = emptyColumns(capacity);
      let at = 0;
      for (const s of segments) {
        if (s.block) {
          const b = s.block;
          at = decodeDayInto(b.payload, b.events, b.dayUs, cols, at, startUs, endUs);
        } else {
          const part = read.get(s.range as number);
          if (part) at = unpackEventsInto(part.packed, part.n, cols, at);
        }
      }
      if (at === 0) continue;
      cols.length = at;
      found.set(assetId, cols);
    }
    return found;
  }
}

/** Each asset's period cut into usable blocks and the raw ranges between them, in time order. */
function segmentsOf(
  assetIds: readonly string[],
  blocks: readonly StateEventDay[],
  startUs: Micros,
  endUs: Micros,
): Map<string, Segment[]> {
  const byAsset = new Map<string, StateEventDay[]>();
  for (const b of blocks) byAsset.set(b.assetId, [...(byAsset.get(b.assetId) ?? []), b]);
  const plan = new Map<string, Segment[]>();
  for (const assetId of assetIds) {
    const own = (byAsset.get(assetId) ?? []).sort((a, b) => a.dayUs - b.dayUs);
    const segments: Segment[] = [];
    let from = startUs;
    for (const block of own) {
      const blockStart = Math.max(startUs, block.dayUs);
      if (blockStart > from) segments.push({ startUs: from, endUs: blockStart, block: null });
      segments.push({ startUs: blockStart, block });
      from = Math.min(endUs, block.dayUs + DAY_US);
    }
    if (from < endUs) segments.push({ startUs: from, endUs, block: null });
    plan.set(assetId, segments);
  }
  return plan;
}
