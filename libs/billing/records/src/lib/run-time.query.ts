import type { Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { timestamptzToUs, usToTimestamptz } from './billing-time';
import { DAY_US } from './state-event-day.codec';

/** A half-open window `[fromUs, toUs)` in epoch micros. */
export interface MicrosWindow {
  fromUs: Micros;
  toUs: Micros;
}

/** What {@link RunTimeQuery.runInWindows} found. */
export interface RunTimes {
  /** Per asset with any event read, its RUN micros in each window (in the order of the windows). */
  runUs: Map<string, number[]>;
  /** Assets with corrections, left to the engine's timeline (`StateEventRepository.events`). */
  corrected: string[];
}

/**
 * RUN time per asset from `state_events`, computed in the database: the base timeline of the
 * engine (`baseTimeline`, spec section 2) without moving a single event to the application.
 * Corrections are not applied here: the assets that have any are only listed.
 */
export class RunTimeQuery {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * RUN micros of each asset in each window, as `normalizeEvents` and `baseTimeline` give them over
   * the span of the windows, clipped to each: the carry-in is what the event reader takes (the last
   * two STATE/HEARTBEAT events and the last HOUR_METER reading before the span; its state that of the
   * latest of the two carrying one, else UNKNOWN); then each message, of any kind, holds the current
   * state (the last one carried, in (observed, seq, kind) order) until the next message, at most
   * `timeoutUs`; only RUN counts. Events received after `cutoffUs` are not read. One statement.
   */
  async runInWindows(
    scope: Scope,
    assetIds: readonly string[],
    windows: readonly MicrosWindow[],
    cutoffUs: Micros,
    timeoutUs: number,
  ): Promise<RunTimes> {
    const result: RunTimes = { runUs: new Map(), corrected: [] };
    if (assetIds.length === 0 || windows.length === 0) return result;
    const fromUs = Math.min(...windows.map((w) => w.fromUs));
    const toUs = Math.max(...windows.map((w) => w.toUs));
    const params: unknown[] = [[...assetIds], fromUs, toUs, cutoffUs, timeoutUs];
    const walk = spanWalk(scope, params, true);
    const perWindow = windows.map((w) => {
      params.push(w.fromUs, w.toUs);
      const [wFrom, wTo] = [at(`$${params.length - 1}`), at(`$${params.length}`)];
      // RUN from this message until the next one, the timeout or the span's end, inside the window.
      const run = `least(coalesce(next_at, ${at('$3')}), at + timeout, ${wTo}) - greatest(at, ${wFrom})`;
      return `(extract(epoch from sum(case when running then greatest(${run}, interval '0') end)) * 1000000)::bigint`;
    });
    const rows = await this.db.query<{ asset_id: string; corrected: boolean; run_us: string[] }>(
      `${walk}
       select asset_id, false as corrected, array[${perWindow.join(', ')}] as run_us
       from spans group by asset_id
       union all
       select asset_id, true, null from corrected`,
      params as string[],
    );
    for (const r of rows) {
      if (r.corrected) result.corrected.push(r.asset_id);
      else
        result.runUs.set(
          r.asset_id,
          r.run_us.map((us) => Number(us ?? 0)),
        );
    }
    return result;
  }

  /**
   * RUN micros of each asset in each UTC day of `[fromDay, toDay)` (days since the epoch), exactly
   * as {@link runInWindows} gives them for one-day windows (the same walk over the span of the
   * days, each span split at midnight), corrections not applied and not looked at: what the day
   * rollup stores. Every asset gets every day (0 where it did not run). One statement.
   */
  async runPerDay(
    assetIds: readonly string[],
    fromDay: number,
    toDay: number,
    cutoffUs: Micros,
    timeoutUs: number,
  ): Promise<Map<string, number[]>> {
    const days = Math.max(0, toDay - fromDay);
    const result = new Map(assetIds.map((id) => [id, new Array<number>(days).fill(0)]));
    if (assetIds.length === 0 || days === 0) return result;
    const params: unknown[] = [
      [...assetIds],
      fromDay * DAY_US,
      toDay * DAY_US,
      cutoffUs,
      timeoutUs,
    ];
    const walk = spanWalk(ALL_TENANTS, params, false);
    const rows = await this.db.query<{ asset_id: string; day: string | number; run_us: string }>(
      `${walk}, runs as (
         select asset_id, ${timestamptzToUs('greatest(at, ' + at('$2') + ')')} as s,
                ${timestamptzToUs(`least(coalesce(next_at, ${at('$3')}), at + timeout, ${at('$3')})`)} as e
         from spans where running
       )
       select asset_id, d.day, sum(least(e, (d.day + 1) * ${DAY_US}) - greatest(s, d.day * ${DAY_US}))::bigint as run_us
       from runs, generate_series(floor(s::numeric / ${DAY_US})::bigint, floor((e - 1)::numeric / ${DAY_US})::bigint) as d(day)
       where e > s
       group by asset_id, d.day`,
      params as string[],
    );
    for (const r of rows) {
      const i = Number(r.day) - fromDay;
      const days = result.get(r.asset_id);
      if (days && i >= 0 && i < days.length) days[i] = Number(r.run_us);
    }
    return result;
  }
}

const at = (p: string) => usToTimestamptz(p);
/** A scope that reads every tenant: the rollup job's, as billing's compactor reads all events. */
const ALL_TENANTS: Scope = PROVIDER_SCOPE;

/**
 * The walk shared by both reads, up to the CTE `spans` (one row per message: `at`, `next_at`,
 * `running`, `timeout`) and `corrected`. Parameters $1-$5: asset ids, span start and end, cutoff
 * (micros) and timeout (micros). With `excludeCorrected`, assets with corrections are only listed.
 */
function spanWalk(scope: Scope, params: unknown[], excludeCorrected: boolean): string {
  const tenantE = scopeCondition(scope, 'e.tenant_id', params);
  const tenantC = scopeCondition(scope, 'c.tenant_id', params);
  const read = `e.received_at <= ${at('$4')} and ${tenantE}`;
  const notCorrected = excludeCorrected ? 'not in (select asset_id from corrected)' : 'is not null';
  return `with corrected as (
         select distinct c.asset_id from billing_corrections c
         where ${excludeCorrected ? '' : 'false and '}c.asset_id = any($1::text[]) and c.observed_at < ${at('$3')}
           and c.received_at <= ${at('$4')} and ${tenantC}
       ), ids as (
         select id from unnest($1::text[]) id where id ${notCorrected}
       ), carry as (
         select ids.id as asset_id, greatest(s.last_at, m.last_at) as at, coalesce(s.flag, 0) as flag
         from ids
         left join lateral (
           select max(l.observed_at) as last_at,
                  (array_agg(case when l.state = 'RUN' then 1 else 0 end
                     order by l.observed_at desc, coalesce(l.seq, 0) desc, l.kind desc)
                     filter (where l.state is not null))[1] as flag
           from (select e.observed_at, e.seq, e.kind, e.state from state_events e
                 where e.asset_id = ids.id and e.observed_at < ${at('$2')} and e.kind <> 'HOUR_METER' and ${read}
                 order by e.observed_at desc limit 2) l
         ) s on true
         left join lateral (
           select max(e.observed_at) as last_at from state_events e
           where e.asset_id = ids.id and e.observed_at < ${at('$2')} and e.kind = 'HOUR_METER' and ${read}
         ) m on true
       ), messages as (
         select asset_id, at, 0::bigint as seq, '' as kind, flag from carry where at is not null
         union all
         select e.asset_id, e.observed_at, coalesce(e.seq, 0), e.kind,
                case when e.state is null then null when e.state = 'RUN' then 1 else 0 end
         from state_events e
         -- The slice's bounds: a range of the primary key rather than the whole table per slice.
         where e.asset_id >= (select min(x) from unnest($1::text[]) x)
           and e.asset_id <= (select max(x) from unnest($1::text[]) x)
           and e.asset_id = any($1::text[]) and e.asset_id ${notCorrected}
           and e.observed_at >= ${at('$2')}
           and e.observed_at < ${at('$3')} and ${read}
       ), steps as (
         select asset_id, at, flag, seq, kind, row_number() over w as n, lead(at) over w as next_at
         from messages window w as (partition by asset_id order by at, seq, kind)
       ), states as (
         -- The state carried last: RUN when the latest message carrying RUN is later than the latest carrying another.
         select asset_id, at, next_at,
                coalesce(max(case when flag = 1 then n end) over w, 0)
                  > coalesce(max(case when flag = 0 then n end) over w, 0) as running
         from steps window w as (partition by asset_id order by at, seq, kind rows unbounded preceding)
       ), spans as (
         select s.*, $5::bigint * interval '1 microsecond' as timeout from states s
       )`;
}
