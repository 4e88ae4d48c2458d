import type { Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { usToTimestamptz } from './billing-time';
import { DAY_US } from './state-event-day.codec';

/** One asset's days to (re)compute: from `fromDay` on, its running total starting at `baseCumUs`. */
export interface RunDaysToRoll {
  assetId: string;
  fromDay: number;
  baseCumUs: number;
  chainStart: number;
}

/** A computed day (days since the epoch). */
export interface NewRunDay {
  assetId: string;
  day: number;
  runUs: number;
  cumRunUs: number;
  chainStart: number;
}

/** Full days `[a, b]` of one window served by the rollup for one asset, and their RUN micros. */
export interface RolledSpan {
  assetId: string;
  window: number;
  firstDay: number;
  lastDay: number;
  runUs: number;
}

const LATE = `(e.received_at - e.observed_at) > interval '10 minutes'`;
const dayEnd = (day: string) => `(${day} + 1)::timestamp at time zone 'UTC'`;

/**
 * A row is current for a read with cutoff `$cutoff` when it was computed with the read's timeout,
 * at or before the cutoff, and no event observed before its day's end was received after it was
 * computed (such an event is late, so it is in the small late-event index).
 */
const current = (r: string, timeout: string, cutoff: string) =>
  `${r}.timeout_us = ${timeout} and ${r}.computed_through <= ${cutoff}
   and not exists (select 1 from state_events e where e.asset_id = ${r}.asset_id and ${LATE}
     and e.received_at > ${r}.computed_through and e.received_at <= ${cutoff}
     and e.observed_at < ${dayEnd(`${r}.day`)})`;

/** `state_event_run_days`: RUN micros per asset and closed UTC day (see migration 85). */
export class RunDayRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Per asset with state events, where the next pass must start within `[fromDay, toDay)`: after its
   * last computed day (else at its first event's day), or at the first computed day an event
   * received later makes stale, whichever is earlier; its running total and chain continue from
   * the day before, if computed.
   */
  async toRoll(fromDay: number, toDay: number): Promise<RunDaysToRoll[]> {
    const rows = await this.db.query<{
      asset_id: string;
      first_day: number;
      last_day: number | null;
      last_cum: string | null;
      last_chain: number | null;
      stale_day: number | null;
      prev_cum: string | null;
      prev_chain: number | null;
    }>(
      `with recursive a(id) as (
         select min(asset_id) from state_events
         union all select (select min(e.asset_id) from state_events e where e.asset_id > a.id) from a where a.id is not null
       ), stale as (
         select e.asset_id, min(r.day) as day from state_events e
         join state_event_run_days r on r.asset_id = e.asset_id and r.computed_through < e.received_at
           and r.day >= (e.observed_at at time zone 'UTC')::date and r.day >= date '1970-01-01' + $1::int
         where ${LATE} and e.received_at >= ${usToTimestamptz(`$1::bigint * ${DAY_US}`)}
         group by e.asset_id
       )
       select a.id as asset_id, l.day - date '1970-01-01' as last_day,
              (select (min(e.observed_at) at time zone 'UTC')::date - date '1970-01-01'
               from state_events e where e.asset_id = a.id) as first_day, l.cum_run_us as last_cum,
              l.chain_start - date '1970-01-01' as last_chain, s.day - date '1970-01-01' as stale_day,
              p.cum_run_us as prev_cum, p.chain_start - date '1970-01-01' as prev_chain
       from a
       left join lateral (select r.day, r.cum_run_us, r.chain_start from state_event_run_days r
         where r.asset_id = a.id and r.day < date '1970-01-01' + $2::int order by r.day desc limit 1) l on true
       left join stale s on s.asset_id = a.id
       left join state_event_run_days p on p.asset_id = a.id and p.day = s.day - 1
       where a.id is not null`,
      [fromDay, toDay] as unknown as string[],
    );
    const out: RunDaysToRoll[] = [];
    for (const r of rows) {
      const lastDay = r.last_day === null ? null : Number(r.last_day);
      // A new chain starts at the asset's first event at the earliest (no RUN before it).
      const start = Math.max(fromDay, Number(r.first_day));
      let next = { fromDay: start, baseCumUs: 0, chainStart: start };
      if (lastDay !== null && lastDay + 1 >= fromDay)
        next = {
          fromDay: lastDay + 1,
          baseCumUs: Number(r.last_cum),
          chainStart: Number(r.last_chain),
        };
      const stale = r.stale_day === null ? null : Number(r.stale_day);
      if (stale !== null && stale < next.fromDay)
        next =
          r.prev_cum === null
            ? { fromDay: stale, baseCumUs: 0, chainStart: stale }
            : { fromDay: stale, baseCumUs: Number(r.prev_cum), chainStart: Number(r.prev_chain) };
      if (next.fromDay < toDay) out.push({ assetId: r.asset_id, ...next });
    }
    return out;
  }

  /** Stores computed days, replacing those of the same asset and day. */
  async upsert(days: readonly NewRunDay[], timeoutUs: number, computedThroughUs: Micros) {
    if (days.length === 0) return;
    await this.db.query(
      `insert into state_event_run_days (asset_id, tenant_id, day, timeout_us, run_us, cum_run_us, chain_start, computed_through)
       select u.a, t.tenant_id, date '1970-01-01' + u.d, $6::bigint, u.r, u.c, date '1970-01-01' + u.s, ${usToTimestamptz('$7')}
       from unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[], $5::int[]) as u(a, d, r, c, s)
       cross join lateral (select e.tenant_id from state_events e where e.asset_id = u.a limit 1) t
       on conflict (asset_id, day) do update set tenant_id = excluded.tenant_id,
         timeout_us = excluded.timeout_us, run_us = excluded.run_us, cum_run_us = excluded.cum_run_us,
         chain_start = excluded.chain_start, computed_through = excluded.computed_through`,
      [
        days.map((d) => d.assetId),
        days.map((d) => d.day),
        days.map((d) => d.runUs),
        days.map((d) => d.cumRunUs),
        days.map((d) => d.chainStart),
        timeoutUs,
        computedThroughUs,
      ] as unknown as string[],
    );
  }

  /**
   * For each asset and window (full days `[a, b]`, days since the epoch), the longest run of current
   * days from `a` on within one chain: `a` itself must be current, and the last current day of the
   * chain up to `b` ends it. Assets without such a run for a window are not listed for it.
   */
  async rolled(
    scope: Scope,
    assetIds: readonly string[],
    windows: ReadonlyArray<{ firstDay: number; lastDay: number }>,
    cutoffUs: Micros,
    timeoutUs: number,
  ): Promise<RolledSpan[]> {
    if (assetIds.length === 0 || windows.length === 0) return [];
    const params: unknown[] = [
      [...assetIds],
      windows.map((w) => w.firstDay),
      windows.map((w) => w.lastDay),
      cutoffUs,
      timeoutUs,
    ];
    const tenant = (r: string) => scopeCondition(scope, `${r}.tenant_id`, params);
    const cutoff = usToTimestamptz('$4');
    // Without JIT: the lateral lookups' estimated cost made PostgreSQL compile the statement, which
    // took longer than running it (success bench, EXPLAIN ANALYZE: 579 of 915 ms).
    const rows = await this.db.transaction(async (tx) => {
      await tx.query('set local jit = off');
      return tx.query<{
        asset_id: string;
        j: string | number;
        a: number;
        b: number;
        run_us: string;
      }>(
        // Both rows looked up by primary key per asset and window (a join let the planner scan the table).
        `select ids.id as asset_id, w.j, ra.day - date '1970-01-01' as a, rb.day - date '1970-01-01' as b,
              rb.cum_run_us - ra.cum_run_us + ra.run_us as run_us
       from unnest($1::text[]) as ids(id)
       cross join unnest($2::int[], $3::int[]) with ordinality as w(a, b, j)
       cross join lateral (select * from state_event_run_days r where r.asset_id = ids.id
         and r.day = date '1970-01-01' + w.a and r.chain_start <= r.day and ${tenant('r')}
         and ${current('r', '$5', cutoff)}) ra
       cross join lateral (select * from state_event_run_days r where r.asset_id = ids.id
         and r.day >= ra.day and r.day <= date '1970-01-01' + w.b and r.chain_start = ra.chain_start
         and ${tenant('r')} and ${current('r', '$5', cutoff)} order by r.day desc limit 1) rb`,
        params as string[],
      );
    });
    return rows.map((r) => ({
      assetId: r.asset_id,
      window: Number(r.j) - 1,
      firstDay: Number(r.a),
      lastDay: Number(r.b),
      runUs: Number(r.run_us),
    }));
  }
}
