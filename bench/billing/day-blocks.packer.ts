import { DAY_US, encodeDay, type NewStateEventDay } from '@hourglass/billing-records';
import { emptyColumns, pushEvent, type BillingEvent } from '@hourglass/billing-uptime';

/** A row the recorder writes (the parameters of `StateEventRepository.insert`), time in epoch ms. */
export interface RecordedRow {
  ms: number;
  kind: 'STATE' | 'HEARTBEAT' | 'HOUR_METER';
  state: string | null;
  seq: number | null;
  meter: number | null;
}

/** Byte order of the kinds' names, as `collate "C"` sorts them. */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The day blocks `StateEventDayCompactor` would store for one asset's rows (all received
 * `receivedAfterMs` after they were observed, none late), built in memory: the rows in the
 * reader's order (observed time, seq or 0, kind in byte order), cut into UTC days, each encoded by
 * the lib's own `encodeDay`. The bench checks at a small size that these are the compactor's blocks
 * byte for byte.
 */
export function packDays(
  assetId: string,
  tenantId: string,
  rows: RecordedRow[],
  receivedAfterMs: number,
  packedThroughUs: number,
): NewStateEventDay[] {
  rows.sort((a, b) => a.ms - b.ms || (a.seq ?? 0) - (b.seq ?? 0) || byteOrder(a.kind, b.kind));
  const cols = emptyColumns(rows.length);
  const event: Pick<BillingEvent, 'observedAtUs' | 'kind' | 'state' | 'meterHours'> = {
    observedAtUs: 0,
    kind: 'STATE',
    state: null,
    meterHours: null,
  };
  for (const r of rows) {
    event.observedAtUs = r.ms * 1000;
    event.kind = r.kind;
    event.state = r.state;
    event.meterHours = r.meter;
    pushEvent(cols, event);
  }
  const blocks: NewStateEventDay[] = [];
  for (let from = 0; from < cols.length;) {
    const dayUs = Math.floor(cols.atUs[from] / DAY_US) * DAY_US;
    let to = from;
    while (to < cols.length && cols.atUs[to] < dayUs + DAY_US) to++;
    blocks.push({
      assetId,
      tenantId,
      dayUs,
      events: to - from,
      payload: encodeDay(cols, from, to, dayUs),
      packedThroughUs,
      maxReceivedUs: cols.atUs[to - 1] + receivedAfterMs * 1000,
    });
    from = to;
  }
  return blocks;
}
