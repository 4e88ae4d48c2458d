// The KPI order figures statement, before and after migration 71, on the bench's data: the statement
// as it was (a window over task_history for MTTR; kept here only to be timed) against
// WorkOrderFigureRepository, which reads the repair time each order carries. Interleaved in one
// process on the same data, every tenant, the year, no plan grace; the answers compared.
import { loadavg } from 'node:os';
import { WorkOrderFigureRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { progress } from '../support/bench-contract';

const ROUND_MS = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

const MS = (column: string) => `floor(extract(epoch from ${column}) * 1000)`;
const ASSET_TYPE = `coalesce(t.asset_type, 'unknown')`;
const PLAN_REF = `coalesce(t.source_ref, t.model_version, '')`;
const PARTS_COST = `(select coalesce(sum((p->>'quantity')::numeric * coalesce(nullif(p->>'unitCost', '')::numeric, 0)), 0)
  from jsonb_array_elements(case when jsonb_typeof(t.parts_used) = 'array' then t.parts_used else '[]'::jsonb end) p)`;

/** The statement before migration 71, every tenant (its scope conditions are \`true\`). */
const WINDOW_STATEMENT = `with done as materialized (
         select t.id, t.asset_id, t.component, t.source, t.failure_outcome, t.completed_at,
           ${ASSET_TYPE} as asset_type, coalesce(t.cost, 0) as cost,
           case when t.failure_outcome = 'DEFECT_CONFIRMED_REPLACED' then ${PARTS_COST} end as parts_cost
         from tasks t
         where true and t.status = 'DONE' and t.completed_at >= $1 and t.completed_at < $2),
       -- The history joined to the orders themselves, not to done: the planner then estimates
       -- the rows and hashes (a nested loop of index scans per order took twice as long).
       spells as (
         select x.task_id, x.to_status, x.at, lead(x.at) over (partition by x.task_id order by x.at, x.id) as next_at
         from task_history x join tasks t on t.id = x.task_id
         where true and t.status = 'DONE' and t.completed_at >= $1 and t.completed_at < $2),
       -- Milliseconds as the order log reads them (rounded), converted for IN_PROGRESS rows only.
       repairs as (
         select coalesce(sum(${ROUND_MS('next_at')} - ${ROUND_MS('at')})
           filter (where to_status = 'IN_PROGRESS' and next_at is not null), 0) as ms
         from spells group by task_id having bool_or(to_status = 'IN_PROGRESS')),
       plan_orders as (
         select t.status, t.completed_at, t.replace_by, coalesce(g.grace_ms, 0) as grace_ms
         from tasks t left join unnest($3::text[], $4::float8[]) as g(ref, grace_ms) on g.ref = ${PLAN_REF}
         where true and t.source = 'PLAN' and t.replace_by >= $1 and t.replace_by < $2)
       select
         (select count(*) from done) as done,
         (select count(*) from done d where not exists (
            select 1 from tasks r
            where r.asset_id = d.asset_id and r.component = d.component and r.id <> d.id
              and r.created_at >= d.completed_at and r.created_at < d.completed_at + interval '720 hours'
              and true)) as fixed_first_time,
         (select count(*) from repairs) as repairs,
         (select coalesce(sum(ms), 0) from repairs) as repair_ms,
         (select count(*) from done where source = 'MODEL' and failure_outcome is not null) as model_reported,
         (select count(*) from done where source = 'MODEL' and failure_outcome = 'DEFECT_CONFIRMED_REPLACED') as model_confirmed,
         (select count(*) from plan_orders) as plan_due,
         (select count(*) from plan_orders where status = 'DONE' and completed_at is not null
            and ${MS('completed_at')} <= ${MS('replace_by')} + grace_ms) as plan_on_time,
         (select json_agg(json_build_object('assetType', asset_type, 'component', component,
            'failures', n, 'partsCost', cost)) from (
            select asset_type, component, count(*) as n, sum(parts_cost)::text as cost from done
            where failure_outcome = 'DEFECT_CONFIRMED_REPLACED' group by asset_type, component) f) as failing,
         (select json_agg(json_build_object('assetType', asset_type, 'cost', cost)) from (
            select asset_type, sum(cost)::text as cost from done group by asset_type) c) as cost_by_type`;

/** Seconds of each statement per pair, the load average before each pair, and whether they agree. */
export interface OrderFiguresAb {
  /** The statement before migration 71 (window over the history), seconds per pair. */
  windowStatementSeconds: number[];
  /** The statement now (repair time from the order's columns), seconds per pair. */
  columnsStatementSeconds: number[];
  loadAverages: number[];
  /** done, repairs and repairMs of both, equal in every pair. */
  answersEqual: boolean;
  answer: { done: number; repairs: number; repairMs: number };
}

const seconds = async <T>(work: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
};

/** `pairs` interleaved runs of the old window and the new statement over `[from, to)`. */
export async function orderFiguresAb(
  db: SqlDatabase,
  from: string,
  to: string,
  pairs: number,
): Promise<OrderFiguresAb> {
  const repo = new WorkOrderFigureRepository(db);
  const window = () =>
    db.transaction(async (tx) => {
      await tx.query('set local jit = off');
      const [row] = await tx.query<Record<string, unknown>>(WINDOW_STATEMENT, [from, to, [], []]);
      return {
        done: Number(row.done),
        repairs: Number(row.repairs),
        repairMs: Number(row.repair_ms),
      };
    });
  const result: OrderFiguresAb = {
    windowStatementSeconds: [],
    columnsStatementSeconds: [],
    loadAverages: [],
    answersEqual: true,
    answer: { done: 0, repairs: 0, repairMs: 0 },
  };
  for (let i = 0; i < pairs + 1; i++) {
    const load = loadavg()[0];
    const before = await seconds(window);
    const after = await seconds(() => repo.figures(PROVIDER_SCOPE, { from, to }, new Map()));
    const same =
      before.value.done === after.value.done &&
      before.value.repairs === after.value.repairs &&
      before.value.repairMs === after.value.repairMs;
    result.answersEqual &&= same;
    result.answer = before.value;
    progress(
      `  order figures ${i === 0 ? 'warm-up' : `pair ${i}`} (load ${load.toFixed(1)}): window ` +
        `${before.seconds.toFixed(2)} s, columns ${after.seconds.toFixed(2)} s, ` +
        `${same ? 'same' : 'DIFFERENT'} ${JSON.stringify(before.value)}`,
    );
    if (i === 0) continue;
    result.windowStatementSeconds.push(before.seconds);
    result.columnsStatementSeconds.push(after.seconds);
    result.loadAverages.push(load);
  }
  return result;
}
