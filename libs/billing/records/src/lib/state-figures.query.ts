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
   * The assets that may have a failure (a FAULT right after up time; a superset), each with its up
   * and FAULT intervals in time order: their failures, outages and time are for the caller to fold,
   * their time is not in {@link byType}.
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
  row: 'type' | 'failing' | 'span' | 'engine';
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
   * statement over the fleet, without JIT (its compilation cost more than it saved at 100,000
   * assets), and a second one over the assets that may have a failure, for their intervals.
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
    const window = [fromUs, toUs, cutoffUs, timeoutUs] as const;
    const failing: string[] = [];
    for (const r of await this.rows(scope, assets, window, false)) {
      if (r.row === 'engine') result.engine.push(r.key);
      else if (r.row === 'failing') failing.push(r.key);
      else if (r.row === 'type')
        result.byType.set(r.key, { upUs: Number(r.a), requiredUs: Number(r.b) });
    }
    if (failing.length === 0) return result;
    // Each asset's figures depend on its own events only: the same statement over these assets.
    const some = new Map(failing.map((id) => [id, assets.get(id) as string]));
    for (const r of await this.rows(scope, some, window, true)) {
      if (r.row !== 'span') continue;
      const spans = result.failing.get(r.key) ?? [];
      spans.push({
        cls: Number(r.cls) === UP ? 'UP' : 'FAULT',
        startUs: Number(r.a),
        endUs: Number(r.b),
      });
      result.failing.set(r.key, spans);
    }
    for (const spans of result.failing.values()) spans.sort((x, y) => x.startUs - y.startUs);
    return result;
  }

  /** The statement: per type sums, assets that may fail and those left to the engine, or (`spans`) their intervals. */
  private async rows(
    scope: Scope,
    assets: ReadonlyMap<string, string>,
    [fromUs, toUs, cutoffUs, timeoutUs]: readonly [Micros, Micros, Micros, number],
    spans: boolean,
  ): Promise<FigureRow[]> {
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
    const intervals = (agg: string) =>
      `array_agg(${agg}) filter (where cls in (${UP}, ${FAULT}) and end_at > start_at)`;
    return this.db.transaction(async (tx) => {
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
           select asset_id, at, seq, kind, cls, row_number() over w as n,
                  lead(at) over w as next_at, lag(at) over w as prev_at, lag(cls) over w as prev_cls
           from messages window w as (partition by asset_id collate "C" order by at, seq, kind)
         ), states as (
           -- The class carried last after this message (n * 4 + class of the latest carrying one).
           select asset_id, at, next_at, prev_at, cls as own, prev_cls,
                  max(case when cls is not null then n * 4 + cls end) over (w rows unbounded preceding) as code
           from steps
           window w as (partition by asset_id collate "C" order by at, seq, kind)
         ), pieces as (
           -- A possible failure: a message carrying FAULT right after one carrying up (or none) that
           -- had not timed out, or at an instant shared with another message (a superset: the fold
           -- decides).
           select asset_id collate "C" as asset_id, code, code % 4 as cls,
                  greatest(at, ${from}) as start_at, least(coalesce(next_at, ${to}), at + ${timeout}) as end_at,
                  own = ${FAULT} and at > ${from} and (prev_at = at
                    or (coalesce(prev_cls, ${UP}) = ${UP} and prev_at + ${timeout} >= at)) as failure
           from states
         ), per_asset as materialized (
           -- Per asset: its up and required time, whether it may have a failure, whether a piece's
           -- state is the older carry-in's, and its up and FAULT intervals.
           select asset_id,
                  sum(end_at - start_at) filter (where cls = ${UP} and end_at > start_at) as up,
                  sum(end_at - start_at) filter (where cls in (${UP}, ${FAULT}) and end_at > start_at) as required,
                  coalesce(bool_or(failure), false) as failing,
                  coalesce(bool_or(code is null and end_at > start_at), false) as unresolved
                  ${spans ? `, ${intervals('start_at')} as starts, ${intervals('end_at')} as ends, ${intervals('cls')} as classes` : ''}
           from pieces group by asset_id
         )
         ${
           spans
             ? `select 'span' as row, t.asset_id as key, ${timestamptzToUs('u.s')}::text as a, ${timestamptzToUs('u.e')}::text as b, u.c::int as cls
                from per_asset t cross join unnest(t.starts, t.ends, t.classes) as u(s, e, c)
                -- ($2, the types, is not needed here.)
                where t.failing and not t.unresolved and $2::text[] is not null`
             : `select 'type' as row, a.type as key,
                coalesce(sum(extract(epoch from t.up) * 1000000), 0)::bigint::text as a,
                coalesce(sum(extract(epoch from t.required) * 1000000), 0)::bigint::text as b, null::int as cls
         from per_asset t join unnest($1::text[], $2::text[]) as a(id, type) on a.id = t.asset_id
         where not t.failing and not t.unresolved
         group by a.type
         union all
         select 'failing', asset_id, null, null, null from per_asset where failing and not unresolved`
         }
         union all
         select 'engine', asset_id, null, null, null from per_asset where unresolved
         union all
         select 'engine', asset_id, null, null, null from corrected`,
        params as string[],
      );
    });
  }
}
