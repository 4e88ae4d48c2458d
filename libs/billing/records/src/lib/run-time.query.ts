import type { Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { usToTimestamptz } from './billing-time';

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
    const tenantE = scopeCondition(scope, 'e.tenant_id', params);
    const tenantC = scopeCondition(scope, 'c.tenant_id', params);
    const at = (p: string) => usToTimestamptz(p);
    const perWindow = windows.map((w) => {
      params.push(w.fromUs, w.toUs);
      const [wFrom, wTo] = [at(`$${params.length - 1}`), at(`$${params.length}`)];
      // RUN from this message until the next one, the timeout or the span's end, inside the window.
      const run = `least(coalesce(next_at, ${at('$3')}), at + timeout, ${wTo}) - greatest(at, ${wFrom})`;
      return `(extract(epoch from sum(case when running then greatest(${run}, interval '0') end)) * 1000000)::bigint`;
    });
    const read = `e.received_at <= ${at('$4')} and ${tenantE}`;
    const rows = await this.db.query<{ asset_id: string; corrected: boolean; run_us: string[] }>(
      `with corrected as (
         select distinct c.asset_id from billing_corrections c
         where c.asset_id = any($1::text[]) and c.observed_at < ${at('$3')}
           and c.received_at <= ${at('$4')} and ${tenantC}
       ), ids as (
         select id from unnest($1::text[]) id where id not in (select asset_id from corrected)
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
           and e.asset_id = any($1::text[]) and e.asset_id not in (select asset_id from corrected)
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
       )
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
}
