import type { Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';
import { DAY_US } from './state-event-day.codec';

/** A packed UTC day of one asset's events (`state_event_days`). */
export interface StateEventDay {
  assetId: string;
  /** The day's start, µs since the epoch (a multiple of {@link DAY_US}). */
  dayUs: Micros;
  events: number;
  payload: Uint8Array;
}

/** A block to store: every event of its day received up to `packedThroughUs`. */
export interface NewStateEventDay extends StateEventDay {
  tenantId: string;
  packedThroughUs: Micros;
  maxReceivedUs: Micros;
}

/**
 * Events received this long after they were observed are in the partial index `state_events_late`
 * (migration 79); blocks are packed at least this long after their day ends, so every event
 * missing from a block is in that index.
 */
export const LATE_AFTER_MS = 600_000;
const LATE = `(e.received_at - e.observed_at) > interval '10 minutes'`;

/** The day (`date` column `b.day`) as µs since the epoch. */
const DAY_US_SQL = `((b.day - date '1970-01-01')::bigint * ${DAY_US})`;

/** `state_event_days`: the packed copy of closed days that runs read instead of raw rows. */
export class StateEventDayRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * The blocks of the assets' days overlapping `[startUs, endUs)` that give exactly the events
   * received up to `cutoffUs`: none of the block's events was received after the cutoff, and no
   * event of its day received after the block was packed and up to the cutoff exists.
   */
  async usable(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<StateEventDay[]> {
    if (assetIds.length === 0 || endUs <= startUs) return [];
    const params: unknown[] = [
      [...assetIds],
      Math.floor(startUs / DAY_US),
      Math.floor((endUs - 1) / DAY_US),
      cutoffUs,
    ];
    const tenant = scopeCondition(scope, 'b.tenant_id', params);
    const cutoff = usToTimestamptz('$4');
    // One index range (asset, days) per asset: with `asset_id = any(...)` the planner chose a
    // (parallel) sequential scan of the whole table once it held ~1,000 assets' months, i.e. every
    // page read scanned every block (see bench/README.md "billing"). The lateral subquery's
    // `order by` keeps it from being flattened into such a join.
    const rows = await this.db.query<{
      asset_id: string;
      day_us: string | number;
      events: number;
      payload: Uint8Array;
    }>(
      `select b.asset_id, ${DAY_US_SQL} as day_us, b.events, b.payload
       from (select distinct id from unnest($1::text[]) as u(id)) a cross join lateral (
         select b.asset_id, b.day, b.events, b.payload from state_event_days b
         where b.asset_id = a.id and b.day >= date '1970-01-01' + $2::int
           and b.day <= date '1970-01-01' + $3::int and b.max_received_at <= ${cutoff} and ${tenant}
           and not exists (select 1 from state_events e where e.asset_id = b.asset_id and ${LATE}
             and e.received_at > b.packed_through and e.received_at <= ${cutoff}
             and e.observed_at >= ${usToTimestamptz(DAY_US_SQL)}
             and e.observed_at < ${usToTimestamptz(`${DAY_US_SQL} + ${DAY_US}`)})
         order by b.day) b`,
      params as string[],
    );
    return rows.map((r) => ({
      assetId: r.asset_id,
      dayUs: Number(r.day_us),
      events: Number(r.events),
      payload: r.payload,
    }));
  }

  /** Stores blocks, replacing those of the same asset and day. */
  async upsert(blocks: readonly NewStateEventDay[]): Promise<void> {
    if (blocks.length === 0) return;
    await this.db.query(
      `insert into state_event_days (asset_id, tenant_id, day, packed_through, max_received_at, events, payload)
       select u.a, u.tn, date '1970-01-01' + u.d, ${usToTimestamptz('u.p')}, ${usToTimestamptz('u.r')}, u.n, u.b
       from unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::bigint[], $6::int[], $7::bytea[])
         as u(a, tn, d, p, r, n, b)
       on conflict (asset_id, day) do update set tenant_id = excluded.tenant_id,
         packed_through = excluded.packed_through, max_received_at = excluded.max_received_at,
         events = excluded.events, payload = excluded.payload`,
      [
        blocks.map((b) => b.assetId),
        blocks.map((b) => b.tenantId),
        blocks.map((b) => Math.round(b.dayUs / DAY_US)),
        blocks.map((b) => b.packedThroughUs),
        blocks.map((b) => b.maxReceivedUs),
        blocks.map((b) => b.events),
        blocks.map((b) =>
          Buffer.from(b.payload.buffer, b.payload.byteOffset, b.payload.byteLength),
        ),
      ] as unknown as string[],
    );
  }

  /** The database's clock less `graceMs`, µs: what a block packed now can promise to hold. */
  async packedThroughNow(graceMs: number): Promise<Micros> {
    const [row] = await this.db.query<{ us: string | number }>(
      `select ${timestamptzToUs(`statement_timestamp() - $1::int * interval '1 millisecond'`)} as us`,
      [graceMs] as unknown as string[],
    );
    return Number(row.us);
  }

  /**
   * The (asset, day) pairs among the days `[fromDay, toDay)` (days since the epoch) to pack: days
   * with events and no block, and blocked days with events received after their block was packed.
   */
  async toPack(fromDay: number, toDay: number): Promise<Array<{ assetId: string; day: number }>> {
    if (toDay <= fromDay) return [];
    const days = Array.from({ length: toDay - fromDay }, (_, i) => fromDay + i);
    const rows = await this.db.query<{ asset_id: string; day: number }>(
      `with recursive a(id) as (
         select min(asset_id) from state_events
         union all select (select min(e.asset_id) from state_events e where e.asset_id > a.id) from a where a.id is not null)
       select a.id as asset_id, d.day from a cross join unnest($1::int[]) as d(day)
       left join state_event_days b on b.asset_id = a.id and b.day = date '1970-01-01' + d.day
       where a.id is not null and case when b.asset_id is null
         then exists (select 1 from state_events e where e.asset_id = a.id
           and e.observed_at >= ${usToTimestamptz(`d.day::bigint * ${DAY_US}`)}
           and e.observed_at < ${usToTimestamptz(`(d.day + 1)::bigint * ${DAY_US}`)})
         else exists (select 1 from state_events e where e.asset_id = a.id and ${LATE}
           and e.received_at > b.packed_through
           and e.observed_at >= ${usToTimestamptz(`d.day::bigint * ${DAY_US}`)}
           and e.observed_at < ${usToTimestamptz(`(d.day + 1)::bigint * ${DAY_US}`)}) end
       order by d.day, a.id`,
      [days] as unknown as string[],
    );
    return rows.map((r) => ({ assetId: r.asset_id, day: Number(r.day) }));
  }
}
