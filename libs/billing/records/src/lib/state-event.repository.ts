import type { BillingEvent, Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';

/** The source of every event read from `state_events` (the ingest path's state tracking and hour meter). */
export const TELEMETRY_SOURCE = 'telemetry';

/** How many STATE/HEARTBEAT events before the period start are read per asset for the carry-in. */
const CARRY_IN_EVENTS = 2;

/** Kinds stored in `state_events`; CORRECTION events live in `billing_corrections`. */
export type StoredEventKind = 'STATE' | 'HEARTBEAT' | 'HOUR_METER';

/** The id of a stored telemetry event: `<kind>@<observed µs>` (its primary key). */
export const telemetryEventId = (kind: StoredEventKind, observedAtUs: Micros) =>
  `${kind}@${observedAtUs}`;

/** Parses a telemetry event id; null when `id` is not one (e.g. a correction's id). */
export function parseTelemetryEventId(
  id: string,
): { kind: StoredEventKind; observedAtUs: Micros } | null {
  const m = /^(STATE|HEARTBEAT|HOUR_METER)@(\d{1,17})$/.exec(id);
  if (!m || !Number.isSafeInteger(Number(m[2]))) return null;
  return { kind: m[1] as StoredEventKind, observedAtUs: Number(m[2]) };
}

interface EventRow {
  asset_id: string;
  kind: string;
  state: string | null;
  meter_hours: string | number | null;
  seq: string | number | null;
  at_us: string | number;
  received_us: string | number;
  id: string | null;
  supersedes: string | null;
}

/**
 * Reads the events a billing run depends on (spec §3.1): those observed in the period and received
 * up to the cutoff, plus the carry-in (the last two STATE/HEARTBEAT events and the last HOUR_METER
 * reading before the period start), plus the CORRECTION events of those assets received up to the
 * cutoff. Corrections keep the observed time of the event they supersede, so one of an older event
 * only ever sorts before the carry-in events read, which then win; the engine applies them.
 */
export class StateEventRepository {
  constructor(private readonly db: SqlDatabase) {}

  async events(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<BillingEvent[]> {
    return this.read(scope, assetIds, startUs, endUs, cutoffUs, true);
  }

  /**
   * {@link events} without the events observed in the period: the carry-in and the corrections, in
   * the same order. A run reads the period's own events as columns (`StateEventColumnsQuery`).
   */
  async carryInAndCorrections(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<BillingEvent[]> {
    return this.read(scope, assetIds, startUs, endUs, cutoffUs, false);
  }

  private async read(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
    inPeriod: boolean,
  ): Promise<BillingEvent[]> {
    if (assetIds.length === 0) return [];
    const params: unknown[] = [[...assetIds], startUs, endUs, cutoffUs];
    const tenant = scopeCondition(scope, 'e.tenant_id', params);
    const cols = `e.asset_id, e.kind, e.state, e.meter_hours, e.seq, ${timestamptzToUs('e.observed_at')} as at_us,
      ${timestamptzToUs('e.received_at')} as received_us, null::text as id, null::text as supersedes`;
    const before = `e.asset_id = a.id and e.observed_at < ${usToTimestamptz('$2')} and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}`;
    const period = `select ${cols} from state_events e
         where e.asset_id = any($1::text[]) and e.observed_at >= ${usToTimestamptz('$2')} and e.observed_at < ${usToTimestamptz('$3')}
           and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
         union all`;
    const rows = await this.db.query<EventRow>(
      `select * from (
         ${inPeriod ? period : ''}
         select c.* from unnest($1::text[]) as a(id) cross join lateral (
           select ${cols} from state_events e where ${before} and e.kind <> 'HOUR_METER'
           order by e.observed_at desc limit ${CARRY_IN_EVENTS}) c
         union all
         select m.* from unnest($1::text[]) as a(id) cross join lateral (
           select ${cols} from state_events e where ${before} and e.kind = 'HOUR_METER'
           order by e.observed_at desc limit 1) m
         union all
         select e.asset_id, 'CORRECTION', e.state, e.meter_hours, null, ${timestamptzToUs('e.observed_at')}, ${timestamptzToUs('e.received_at')}, e.id, e.supersedes
         from billing_corrections e
         where e.asset_id = any($1::text[]) and e.observed_at < ${usToTimestamptz('$3')} and e.received_at <= ${usToTimestamptz('$4')} and ${tenant}
       ) x order by asset_id, at_us, kind`,
      params as string[],
    );
    return rows.map(toEvent);
  }

  /**
   * Stores telemetry events in one statement, each with its asset's tenant from `tenants` (the asset
   * registry's answer); events of assets not in it are left out, and one already stored (same asset,
   * time and kind: a batch seen again) is kept as it is.
   */
  async insert(
    events: readonly NewStateEvent[],
    tenants: ReadonlyMap<string, string>,
  ): Promise<void> {
    const known = events.filter((e) => tenants.has(e.assetId));
    if (known.length === 0) return;
    await this.db.query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq, meter_hours)
       select u.a, u.tn, u.t, u.k, u.s, u.q, u.m
       from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[], $7::float8[]) as u(a, tn, t, k, s, q, m)
       on conflict (asset_id, observed_at, kind) do nothing`,
      [
        known.map((e) => e.assetId),
        known.map((e) => tenants.get(e.assetId) as string),
        known.map((e) => new Date(e.observedAtMs).toISOString()),
        known.map((e) => e.kind),
        known.map((e) => e.state) as string[],
        known.map((e) => e.seq) as number[],
        known.map((e) => e.meterHours) as number[],
      ],
    );
  }

  /**
   * One asset's events observed in `[fromUs, toUs)`, corrections included, in (observed, kind) order,
   * each with the correction that supersedes it: where the ids to correct come from. At most `limit`.
   */
  async list(
    scope: Scope,
    assetId: string,
    fromUs: Micros,
    toUs: Micros,
    limit: number,
  ): Promise<ListedEvent[]> {
    const params: unknown[] = [assetId, fromUs, toUs, limit];
    const tenant = scopeCondition(scope, 'e.tenant_id', params);
    const inRange = `e.asset_id = $1 and e.observed_at >= ${usToTimestamptz('$2')} and e.observed_at < ${usToTimestamptz('$3')} and ${tenant}`;
    const rows = await this.db.query<EventRow & { superseded_by: string | null }>(
      `select x.*, k.id as superseded_by from (
         select e.asset_id, e.kind, e.state, e.meter_hours, e.seq, ${timestamptzToUs('e.observed_at')} as at_us,
                ${timestamptzToUs('e.received_at')} as received_us, null::text as id, null::text as supersedes
         from state_events e where ${inRange}
         union all
         select e.asset_id, 'CORRECTION', e.state, e.meter_hours, null, ${timestamptzToUs('e.observed_at')}, ${timestamptzToUs('e.received_at')}, e.id, e.supersedes
         from billing_corrections e where ${inRange}
       ) x left join billing_corrections k
         on k.asset_id = x.asset_id and k.supersedes = coalesce(x.id, x.kind || '@' || x.at_us::text)
       order by x.at_us, x.received_us, x.kind limit $4`,
      params as string[],
    );
    return rows.map((r) => ({ ...toEvent(r), supersededBy: r.superseded_by }));
  }
}

/** A telemetry event to store in `state_events` (epoch ms; `state` null for HOUR_METER, `meterHours` null otherwise). */
export interface NewStateEvent {
  assetId: string;
  observedAtMs: number;
  kind: StoredEventKind;
  state: string | null;
  meterHours: number | null;
  seq: number | null;
}

/** A stored event of one asset as listed for people: its id (what a correction names) and the correction superseding it, if any. */
export interface ListedEvent extends BillingEvent {
  supersededBy: string | null;
}

function toEvent(r: EventRow): BillingEvent {
  const atUs = Number(r.at_us);
  const kind = r.kind as BillingEvent['kind'];
  return {
    assetId: r.asset_id,
    source: TELEMETRY_SOURCE,
    eventId: r.id ?? telemetryEventId(kind as StoredEventKind, atUs),
    observedAtUs: atUs,
    receivedAtUs: Number(r.received_us),
    kind,
    state: r.state,
    meterHours: r.meter_hours === null ? null : Number(r.meter_hours),
    supersedes: r.supersedes,
    seq: r.seq === null ? null : Number(r.seq),
  };
}
