// The KPI order figures statement, before and after migrations 74 and 75, on the bench's data: the
// statement as it was (each done order's parts cost summed from its JSON and an anti-join for its
// repeats; kept here only to be timed) against WorkOrderFigureRepository, which reads the parts cost
// and repeat flags each order carries. Interleaved in one process on the same data, every tenant,
// the year, no plan grace; the answers compared. Each pair is followed by the route's state side
// alone (BillingStateSpanSource.figures), which GET /api/kpis computes in parallel.
import { loadavg } from 'node:os';
import { BillingStateSpanSource } from '@hourglass/api-http';
import { WorkOrderFigureRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { progress } from '../support/bench-contract';

const MS = (column: string) => `floor(extract(epoch from ${column}) * 1000)`;
const ASSET_TYPE = `coalesce(t.asset_type, 'unknown')`;
const PLAN_REF = `coalesce(t.source_ref, t.model_version, '')`;
const PARTS_COST = `(select coalesce(sum((p->>'quantity')::numeric * coalesce(nullif(p->>'unitCost', '')::numeric, 0)), 0)
  from jsonb_array_elements(case when jsonb_typeof(t.parts_used) = 'array' then t.parts_used else '[]'::jsonb end) p)`;

/** The statement before migrations 74 and 75, every tenant (its scope conditions are \`true\`). */
const BEFORE_STATEMENT = `with done as materialized (
         select t.id, t.asset_id, t.component, t.source, t.failure_outcome, t.completed_at,
           t.repair_ms, t.had_repair, ${ASSET_TYPE} as asset_type, coalesce(t.cost, 0) as cost,
           case when t.failure_outcome = 'DEFECT_CONFIRMED_REPLACED' then ${PARTS_COST} end as parts_cost
         from tasks t
         where true and t.status = 'DONE' and t.completed_at >= $1 and t.completed_at < $2),
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
         (select count(*) from done where had_repair) as repairs,
         (select coalesce(sum(repair_ms), 0) from done where had_repair) as repair_ms,
         (select count(*) from done where source = 'MODEL' and failure_outcome is not null) as model_reported,
         (select count(*) from done where source = 'MODEL' and failure_outcome = 'DEFECT_CONFIRMED_REPLACED') as model_confirmed,
         (select count(*) from plan_orders) as plan_due,
         (select count(*) from plan_orders where status = 'DONE' and completed_at is not null
            and ${MS('completed_at')} <= ${MS('replace_by')} + grace_ms) as plan_on_time,
         (select sum(parts_cost)::float8 from done where failure_outcome = 'DEFECT_CONFIRMED_REPLACED') as parts_cost,
         (select sum(cost)::float8 from done) as cost`;

/** The figures both statements give, compared per pair (costs as floats, rounded to the cent). */
type Answer = Record<
  'done' | 'fixedFirstTime' | 'repairs' | 'repairMs' | 'modelConfirmed' | 'partsCost' | 'cost',
  number
>;

/** Seconds of each side per pair, the load average before each pair, and whether they agree. */
export interface OrderFiguresAb {
  /** The statement before migrations 74 and 75 (parts cost from the JSON, repeat anti-join). */
  beforeStatementSeconds: number[];
  /** `WorkOrderFigureRepository` now (parts cost and repeat flags from the order's columns). */
  afterStatementSeconds: number[];
  /** The route's other side alone: `BillingStateSpanSource.figures` (state events to figures). */
  stateSideSeconds: number[];
  loadAverages: number[];
  /** Every figure of {@link Answer} equal in every pair. */
  answersEqual: boolean;
  answer: Answer;
}

const seconds = async <T>(work: () => Promise<T>) => {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
};
const cents = (v: number) => Math.round(v * 100) / 100;

/**
 * `pairs` interleaved runs of the statement before and after migrations 74/75 over `[from, to)`,
 * each pair followed by the state side alone (what `GET /api/kpis` computes beside the statement).
 */
export async function orderFiguresAb(
  db: SqlDatabase,
  from: string,
  to: string,
  pairs: number,
): Promise<OrderFiguresAb> {
  const repo = new WorkOrderFigureRepository(db);
  const states = new BillingStateSpanSource(db);
  const period = { from: Date.parse(from), to: Date.parse(to) };
  const beforeStatement = () =>
    db.transaction(async (tx): Promise<Answer> => {
      await tx.query('set local jit = off');
      const [row] = await tx.query<Record<string, unknown>>(BEFORE_STATEMENT, [from, to, [], []]);
      return {
        done: Number(row.done),
        fixedFirstTime: Number(row.fixed_first_time),
        repairs: Number(row.repairs),
        repairMs: Number(row.repair_ms),
        modelConfirmed: Number(row.model_confirmed),
        partsCost: cents(Number(row.parts_cost ?? 0)),
        cost: cents(Number(row.cost ?? 0)),
      };
    });
  const afterStatement = async (): Promise<Answer> => {
    const f = await repo.figures(PROVIDER_SCOPE, { from, to }, new Map());
    return {
      done: f.done,
      fixedFirstTime: f.fixedFirstTime,
      repairs: f.repairs,
      repairMs: f.repairMs,
      modelConfirmed: f.modelConfirmed,
      partsCost: cents(f.failing.reduce((sum, x) => sum + x.partsCost, 0)),
      cost: cents(f.costByType.reduce((sum, x) => sum + x.cost, 0)),
    };
  };
  const result: OrderFiguresAb = {
    beforeStatementSeconds: [],
    afterStatementSeconds: [],
    stateSideSeconds: [],
    loadAverages: [],
    answersEqual: true,
    answer: {} as Answer,
  };
  for (let i = 0; i < pairs + 1; i++) {
    const load = loadavg()[0];
    const before = await seconds(beforeStatement);
    const after = await seconds(afterStatement);
    const state = await seconds(() => states.figures(PROVIDER_SCOPE, period));
    const same = JSON.stringify(before.value) === JSON.stringify(after.value);
    result.answersEqual &&= same;
    result.answer = before.value;
    progress(
      `  order figures ${i === 0 ? 'warm-up' : `pair ${i}`} (load ${load.toFixed(1)}): before 74/75 ` +
        `${before.seconds.toFixed(2)} s, after ${after.seconds.toFixed(2)} s, ` +
        `${same ? 'same' : `DIFFERENT ${JSON.stringify(after.value)}`} ${JSON.stringify(before.value)}; ` +
        `state side alone ${state.seconds.toFixed(2)} s`,
    );
    if (i === 0) continue;
    result.beforeStatementSeconds.push(before.seconds);
    result.afterStatementSeconds.push(after.seconds);
    result.stateSideSeconds.push(state.seconds);
    result.loadAverages.push(load);
  }
  return result;
}
