import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { TELEMETRY_SOURCE } from './state-event.repository';

/** Corrections followed per event at most (each supersedes the previous; ids are fresh, so chains are short). */
const MAX_CORRECTION_CHAIN = 1_000;

/** A transition of an asset into `FAULT` (epoch ms). */
export interface FaultTransition {
  assetId: string;
  ts: number;
}

/** Reads transitions into `FAULT` from billing's state events and their corrections (e.g. failure labels of a fleet export). */
export class FaultTransitionQuery {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Transitions into `FAULT` of the assets in `[fromMs, toMs)`: a `STATE` event whose previous
   * `STATE` event (at any time) was not `FAULT`, so a repeat written after an ingest restart
   * during the same outage does not count twice. Each event counts with its effective state: the
   * state of the last correction in its chain in `billing_corrections` (a correction supersedes
   * `STATE@<observed µs>` or an earlier correction's id) when there is one, else its own.
   * One statement (a recursive CTE), ordered by asset then time.
   */
  async failureEvents(
    scope: Scope,
    assetIds: readonly string[],
    fromMs: number,
    toMs: number,
  ): Promise<FaultTransition[]> {
    const params: unknown[] = [assetIds, new Date(fromMs), new Date(toMs)];
    const events = scopeCondition(scope, 'e.tenant_id', params);
    const corrections = scopeCondition(scope, 'c.tenant_id', params);
    const rows = await this.db.query<{ asset_id: string; observed_at: Date }>(
      `with recursive chain (asset_id, root, id, state, depth) as (
         select c.asset_id, c.supersedes, c.id, c.state, 1 from billing_corrections c
         where c.source = '${TELEMETRY_SOURCE}' and c.asset_id = any($1::text[]) and c.observed_at < $3
           and c.supersedes like 'STATE@%' and ${corrections}
         union all
         select n.asset_id, chain.root, n.id, n.state, chain.depth + 1
         from chain join billing_corrections n
           on n.asset_id = chain.asset_id and n.source = '${TELEMETRY_SOURCE}' and n.supersedes = chain.id
         where chain.depth < ${MAX_CORRECTION_CHAIN} -- a bound, should rows ever form a cycle
       ), effective as (
         select distinct on (asset_id, root) asset_id, root, state from chain
         order by asset_id, root, depth desc
       )
       select asset_id, observed_at from (
         select e.asset_id, e.observed_at, coalesce(f.state, e.state) as state,
                lag(coalesce(f.state, e.state)) over (partition by e.asset_id order by e.observed_at) as previous
         from state_events e left join effective f
           on f.asset_id = e.asset_id
          and f.root = 'STATE@' || ((extract(epoch from e.observed_at) * 1000000)::bigint)::text
         where e.kind = 'STATE' and e.asset_id = any($1::text[]) and e.observed_at < $3 and ${events}
       ) x
       where state = 'FAULT' and previous is distinct from 'FAULT' and observed_at >= $2
       order by asset_id, observed_at`,
      params as string[],
    );
    return rows.map((r) => ({ assetId: r.asset_id, ts: new Date(r.observed_at).getTime() }));
  }
}
