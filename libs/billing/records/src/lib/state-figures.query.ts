import type { Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';

/** A base-state class: up (RUN, STANDBY, CUSTOMER_STOP) or FAULT. */
export type StateClass = 'UP' | 'FAULT';

/** One interval of an asset's base timeline, in epoch micros (UNKNOWN time left out). */
export interface ClassSpan {
  cls: StateClass;
  startUs: Micros;
  endUs: Micros;
}

/** What {@link StateFiguresQuery.figures} found. */
export interface StateTimeFigures {
  /** Per asset type, the up and required (up + FAULT) micros of the assets summed in SQL. */
  byType: Map<string, { upUs: number; requiredUs: number }>;
  /**
   * The assets with a FAULT right after up time (a failure), each with its up and FAULT intervals
   * in time order: their failures and outages are for the caller to fold, their time is not in
   * {@link byType}.
   */
  failing: Map<string, ClassSpan[]>;
  /**
   * Assets left to billing's engine (`StateEventRepository.events`): those with corrections, and
   * those whose first messages of the period carry no state (their state then is the carry-in's).
   */
  engine: string[];
}

/** Rows of the statement: one kind per row. */
interface FigureRow {
  row: 'type' | 'span' | 'engine';
  key: string;
  a: string | null;
  b: string | null;
  cls: number | null;
}

const UP = 1;
const FAULT = 2;

/**
 * The state side of the KPI report from `state_events`, computed in the database: the base
 * timeline of billing's engine (`normalizeEvents` then `baseTimeline`, spec section 2) reduced to
 * what the KPI fold needs, without moving the period's events to the application. Corrections are
 * not applied here: assets that have any are only listed, as are those whose state at their first
 * messages would come from an older carry-in.
 */
export class StateFiguresQuery {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Over `[fromUs, toUs)`: the carry-in is the engine's (the latest message before the period, with
   * the state of the latest of the last two STATE/HEARTBEAT events carrying one), read only for the
   * assets with a message less than `timeoutUs` before the period (for the others it has timed out);
   * each message, of any kind, holds the state carried last (in (observed, seq, kind) order) until
   * the next message, at most `timeoutUs`. Events received after `cutoffUs` are not read. One
   * statement, without JIT (its compilation cost more than it saved at 100,000 assets).
   */
  async figures(
    scope: Scope,
    assets: ReadonlyMap<string, string>,
    fromUs: Micros,
    toUs: Micros,
    cutoffUs: Micros,
    timeoutUs: number,
  ): Promise<StateTimeFigures> {
    const result: StateTimeFigures = { byType: new Map(), failing: new Map(), engine: [] };
    if (assets.size === 0) return result;
    const params: unknown[] = [[...assets.keys()], [...assets.values()], fromUs, toUs, cutoffUs];
    params.push(timeoutUs);
    const tenantE = scopeCondition(scope, 'e.tenant_id', params);
    const tenantC = scopeCondition(scope, 'c.tenant_id', params);
    const [from, to, cutoff] = [
      usToTimestamptz('$3'),
      usToTimestamptz('$4'),
      usToTimestamptz('$5'),
    ];
    const timeout = `($6::bigint * interval '1 microsecond')`;
    const read = `e.received_at <= ${cutoff} and ${tenantE}`;
    const cls = `case when e.state is null then null when e.state in ('RUN', 'STANDBY', 'CUSTOMER_STOP') then ${UP}
                 when e.state = 'FAULT' then ${FAULT} else 0 end`;
    const rows = await this.db.transaction(async (tx) => {
      await tx.query('set local jit = off');
      await tx.query(`set local work_mem = '64MB'`);
      return tx.query<FigureRow>(
        `with corrected as (
           select distinct c.asset_id from billing_corrections c
           where c.asset_id = any($1::text[]) and c.observed_at < ${to}
             and c.received_at <= ${cutoff} and ${tenantC}
         ), scan as materialized (
           -- The period's events and those within one timeout before it (which alone decide a carry-in).
           select e.asset_id, e.observed_at as at, coalesce(e.seq, 0) as seq, e.kind, ${cls} as cls
           from state_events e
           where e.asset_id = any($1::text[]) and e.asset_id not in (select asset_id from corrected)
             and e.observed_at > ${from} - ${timeout} and e.observed_at < ${to} and ${read}
         ), carry as (
           select r.asset_id, r.at, coalesce(s.cls, 0) as cls
           from (select asset_id, max(at) as at from scan where at < ${from} group by asset_id) r
           left join lateral (
             select (array_agg(l.cls order by l.observed_at desc, coalesce(l.seq, 0) desc, l.kind desc)
                       filter (where l.cls is not null))[1] as cls
             from (select e.observed_at, e.seq, e.kind, ${cls} as cls from state_events e
                   where e.asset_id = r.asset_id and e.observed_at < ${from} and e.kind <> 'HOUR_METER' and ${read}
                   order by e.observed_at desc limit 2) l
           ) s on true
         ), messages as (
           select asset_id, at, 0::bigint as seq, '' as kind, cls from carry
           union all
           select asset_id, at, seq, kind, cls from scan where at >= ${from}
         ), steps as (
           select asset_id, at, seq, kind, cls, row_number() over w as n, lead(at) over w as next_at
           from messages window w as (partition by asset_id order by at, seq, kind)
         ), states as (
           -- The class carried last (n * 4 + class of the latest message carrying one), after this
           -- message and before its instant, and the instant's last message before it.
           select asset_id, at, next_at,
                  max(case when cls is not null then n * 4 + cls end) over w as code,
                  max(case when cls is not null then n * 4 + cls end) over before as code_before,
                  max(at) over before as at_before
           from steps
           window w as (partition by asset_id order by at, seq, kind rows unbounded preceding),
                  before as (partition by asset_id order by at
                             range between unbounded preceding and interval '1 microsecond' preceding)
         ), pieces as materialized (
           select asset_id, code % 4 as cls, code is null as unresolved,
                  greatest(at, ${from}) as start_at, least(coalesce(next_at, ${to}), at + ${timeout}) as end_at,
                  -- A failure: FAULT from this instant, right after up time that had not timed out.
                  (code % 4 = ${FAULT} and code_before % 4 = ${UP} and at > ${from}
                   and at_before + ${timeout} >= at and (next_at is null or next_at > at)) as failure
           from states
         ), engine as (
           select asset_id from corrected
           union
           select asset_id from pieces where unresolved and end_at > start_at
         ), failing as (
           select distinct asset_id from pieces where failure
             and asset_id not in (select asset_id from engine)
         ), totals as (
           -- Per asset as intervals, then as exact numeric micros: a fleet's year overflows an interval.
           select p.asset_id,
                  extract(epoch from sum(p.end_at - p.start_at) filter (where p.cls = ${UP})) * 1000000 as up,
                  extract(epoch from sum(p.end_at - p.start_at)) * 1000000 as required
           from pieces p
           where p.end_at > p.start_at and p.cls in (${UP}, ${FAULT})
             and p.asset_id not in (select asset_id from engine)
             and p.asset_id not in (select asset_id from failing)
           group by p.asset_id
         )
         select 'type' as row, a.type as key, coalesce(sum(t.up), 0)::bigint::text as a,
                coalesce(sum(t.required), 0)::bigint::text as b, null::int as cls
         from totals t join unnest($1::text[], $2::text[]) as a(id, type) on a.id = t.asset_id
         group by a.type
         union all
         select 'span', p.asset_id, ${timestamptzToUs('p.start_at')}::text, ${timestamptzToUs('p.end_at')}::text, p.cls
         from pieces p
         where p.asset_id in (select asset_id from failing) and p.end_at > p.start_at
           and p.cls in (${UP}, ${FAULT})
         union all
         select 'engine', asset_id, null, null, null from engine`,
        params as string[],
      );
    });
    for (const r of rows) {
      if (r.row === 'engine') result.engine.push(r.key);
      else if (r.row === 'type')
        result.byType.set(r.key, { upUs: Number(r.a), requiredUs: Number(r.b) });
      else {
        const spans = result.failing.get(r.key) ?? [];
        spans.push({
          cls: Number(r.cls) === UP ? 'UP' : 'FAULT',
          startUs: Number(r.a),
          endUs: Number(r.b),
        });
        result.failing.set(r.key, spans);
      }
    }
    for (const spans of result.failing.values()) spans.sort((x, y) => x.startUs - y.startUs);
    return result;
  }
}
