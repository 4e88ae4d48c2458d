import { baseStateOf } from './billing-categories';
import type { Micros } from './billing-period';
import type { BillingEvent } from './billing-inputs';
import { emptyColumns, pushEvent, type CarryIn, type EventColumns } from './event-columns';

/** A duplicate event id whose payload differs from the first one received: reported, never applied (spec §3.2). */
export interface QuarantinedEvent {
  kept: BillingEvent;
  rejected: BillingEvent;
}

export interface NormalizedAsset {
  events: EventColumns;
  carryIn: CarryIn;
}

export interface NormalizedEvents {
  assets: Map<string, NormalizedAsset>;
  quarantined: QuarantinedEvent[];
}

const payloadOf = (e: BillingEvent) =>
  JSON.stringify([
    e.observedAtUs,
    e.kind,
    e.state ?? null,
    e.meterHours ?? null,
    e.supersedes ?? null,
    e.seq ?? null,
  ]);

/**
 * Steps 1-4 of the interval algorithm (spec §3) for events held as objects: keep those received up
 * to the cutoff, de-duplicate by (asset, source, event id) keeping the first received, apply
 * corrections, order by (observedAt, seq, event id), and split into the carry-in and the events
 * inside `[periodStart, periodEnd)`. The result does not depend on the order events arrive in.
 */
export function normalizeEvents(
  events: readonly BillingEvent[],
  periodStartUs: Micros,
  periodEndUs: Micros,
  cutoffUs: Micros = Number.POSITIVE_INFINITY,
): NormalizedEvents {
  const quarantined: QuarantinedEvent[] = [];
  const firstById = new Map<string, BillingEvent>();
  const received = events
    .filter((e) => e.receivedAtUs <= cutoffUs)
    .sort(
      (a, b) =>
        a.receivedAtUs - b.receivedAtUs ||
        compareEvents(a, b) ||
        payloadOf(a).localeCompare(payloadOf(b)),
    );
  for (const e of received) {
    const key = `${e.assetId}\u0000${e.source}\u0000${e.eventId}`;
    const first = firstById.get(key);
    if (!first) firstById.set(key, e);
    else if (payloadOf(first) !== payloadOf(e)) quarantined.push({ kept: first, rejected: e });
  }
  const effective = applyCorrections([...firstById.values()]);
  const byAsset = new Map<string, BillingEvent[]>();
  for (const e of effective) {
    const list = byAsset.get(e.assetId) ?? [];
    list.push(e);
    byAsset.set(e.assetId, list);
  }
  const assets = new Map<string, NormalizedAsset>();
  for (const [assetId, list] of [...byAsset].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort(compareEvents);
    assets.set(assetId, split(list, periodStartUs, periodEndUs));
  }
  return { assets, quarantined };
}

function compareEvents(a: BillingEvent, b: BillingEvent): number {
  return (
    a.observedAtUs - b.observedAtUs ||
    (a.seq ?? 0) - (b.seq ?? 0) ||
    (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}

/** A correction replaces the event it supersedes (which stays stored, just not applied); chains resolve in receipt order. */
function applyCorrections(events: BillingEvent[]): BillingEvent[] {
  const corrections = events
    .filter((e) => e.kind === 'CORRECTION')
    .sort((a, b) => a.receivedAtUs - b.receivedAtUs);
  if (corrections.length === 0) return events;
  const live = new Map(
    events
      .filter((e) => e.kind !== 'CORRECTION')
      .map((e) => [`${e.assetId}\u0000${e.source}\u0000${e.eventId}`, e]),
  );
  for (const c of corrections) {
    live.delete(`${c.assetId}\u0000${c.source}\u0000${c.supersedes}`);
    const kind = c.meterHours !== undefined && c.meterHours !== null ? 'HOUR_METER' : 'STATE';
    live.set(`${c.assetId}\u0000${c.source}\u0000${c.eventId}`, { ...c, kind });
  }
  return [...live.values()];
}

function split(
  sorted: readonly BillingEvent[],
  periodStartUs: Micros,
  periodEndUs: Micros,
): NormalizedAsset {
  let carryIn: CarryIn = { state: 'UNKNOWN', lastMessageUs: null, meter: null };
  let first = 0;
  for (; first < sorted.length && sorted[first].observedAtUs < periodStartUs; first++) {
    const e = sorted[first];
    carryIn = {
      state:
        e.state !== undefined && e.state !== null && e.kind !== 'HOUR_METER'
          ? baseStateOf(e.state)
          : carryIn.state,
      lastMessageUs: e.observedAtUs,
      meter:
        e.kind === 'HOUR_METER' && e.meterHours != null
          ? { atUs: e.observedAtUs, hours: Number(e.meterHours) }
          : carryIn.meter,
    };
  }
  let last = first;
  while (last < sorted.length && sorted[last].observedAtUs < periodEndUs) last++;
  const events = emptyColumns(last - first);
  for (let i = first; i < last; i++) pushEvent(events, sorted[i]);
  return { events, carryIn };
}
