import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition } from '@hourglass/platform-tenancy';
import type { AssetRiskPort, TaskCostPort } from './contract-health.ports';

/**
 * @deprecated The contract-health inputs read with billing's own SQL from tables billing does not own
 * (`risk_scores`, `warning_policies`, `tasks`): only for callers still using the positional
 * `ContractHealthService(stores, billing)` constructor (the API controller until it is given the
 * service by the composition root, which passes the owners' adapters). Delete with that constructor.
 */
export function legacyHealthInputs(db: SqlDatabase): { risk: AssetRiskPort; taskCosts: TaskCostPort } {
  return {
    risk: {
      atRisk: async (assetIds, defaultThreshold, limit) =>
        (
          await db.query<{ asset_id: string; type: string; probability: number; rul: number; threshold: number }>(
            `select r.asset_id, a.type, r.probability, r.rul, coalesce(w.threshold, $2) as threshold
             from risk_scores r join assets a on a.id = r.asset_id left join warning_policies w on w.asset_type = a.type
             where r.asset_id = any($1::text[]) and r.probability >= coalesce(w.threshold, $2)
             order by r.probability desc, r.asset_id limit $3`,
            [[...assetIds], defaultThreshold, limit],
          )
        ).map((r) => ({ assetId: r.asset_id, type: r.type, probability: Number(r.probability), rul: Number(r.rul), threshold: Number(r.threshold) })),
    },
    taskCosts: {
      completedCosts: async (scope, fromIso, toIso, covered) => {
        const params: unknown[] = [fromIso, toIso];
        const coverage =
          'tenantId' in covered
            ? `t.tenant_id = $${params.push(covered.tenantId)}`
            : `exists (select 1 from unnest($${params.push(covered.windows.map((w) => w.assetId))}::text[],
                 $${params.push(covered.windows.map((w) => w.from))}::timestamptz[], $${params.push(covered.windows.map((w) => w.to))}::timestamptz[])
                 as c(asset_id, covered_from, covered_to)
               where c.asset_id = t.asset_id and c.covered_from <= t.completed_at and (c.covered_to is null or t.completed_at < c.covered_to))`;
        const [row] = await db.query<{ cost: string | null; n: number }>(
          `select sum(t.cost)::text as cost, count(*)::int as n from tasks t
           where t.status = 'DONE' and t.completed_at >= $1 and t.completed_at <= $2 and ${coverage}
             and ${scopeCondition(scope, 't.tenant_id', params)}`,
          params as string[],
        );
        return { cost: row?.cost ?? '0', count: Number(row?.n ?? 0) };
      },
    },
  };
}
