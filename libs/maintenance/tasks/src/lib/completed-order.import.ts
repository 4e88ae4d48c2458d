import type { SqlDatabase } from '@hourglass/platform-sql';
import type { FailureReport } from './failure-report';
import { PLATFORM_ACTOR, type TaskPriority } from './task.repository';

/** A work order completed in the past, as an imported history gives it (times epoch ms). */
export interface CompletedOrderHistory {
  id: string;
  tenantId: string;
  assetId: string;
  assetType: string;
  component: string;
  priority: TaskPriority;
  raisedAt: number;
  completedAt: number;
  /** Who did the work (the order's assignee). */
  assignee: string;
  /** Decimal string, 2 places. */
  cost: string;
  report: FailureReport;
}

/**
 * Stores orders completed in the past (the demo's seeded year; a provider's history from another
 * system): `DONE` with their real raise and completion times, cost and failure report, and the
 * `RAISED` and `DONE` history entries. The lifecycle's checks are for orders worked here, so they do
 * not apply. An id already stored is left as it is (importing twice changes nothing).
 */
export async function importCompletedOrders(
  db: SqlDatabase,
  orders: readonly CompletedOrderHistory[],
): Promise<void> {
  if (orders.length === 0) return;
  const col = <T>(pick: (o: CompletedOrderHistory) => T) => orders.map(pick);
  const iso = (ms: number) => new Date(ms).toISOString();
  await db.query(
    `with imported as (
       insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version,
         replace_by, asset_type, source, source_ref, created_at, updated_at, completed_at, acknowledged_at, started_at,
         assignee, outcome, cost, failure_outcome, failure_code, parts_used, labour_hours)
       select n.id, n.tenant_id, n.asset_id, n.component, 'DONE', n.priority, null, null, null,
         n.completed_at, n.asset_type, 'RULE', 'history', n.raised_at, n.completed_at, n.completed_at, n.raised_at, n.raised_at,
         n.assignee, n.failure_outcome, n.cost, n.failure_outcome, n.failure_code, n.parts_used::jsonb, n.labour_hours
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
         $8::timestamptz[], $9::text[], $10::numeric[], $11::text[], $12::text[], $13::text[], $14::numeric[])
         as n(id, tenant_id, asset_id, asset_type, component, priority, raised_at, completed_at, assignee, cost,
           failure_outcome, failure_code, parts_used, labour_hours)
       on conflict (id) do nothing
       returning id, tenant_id, created_at, completed_at, assignee)
     insert into task_history (task_id, tenant_id, kind, from_status, to_status, actor, at, detail)
     select id, tenant_id, 'RAISED', null, 'OPEN', '${PLATFORM_ACTOR}', created_at, '{"source":"history"}'::jsonb from imported
     union all
     select id, tenant_id, 'TRANSITION', 'OPEN', 'DONE', assignee, completed_at, null from imported`,
    [
      col((o) => o.id),
      col((o) => o.tenantId),
      col((o) => o.assetId),
      col((o) => o.assetType),
      col((o) => o.component),
      col((o) => o.priority),
      col((o) => iso(o.raisedAt)),
      col((o) => iso(o.completedAt)),
      col((o) => o.assignee),
      col((o) => o.cost),
      col((o) => o.report.outcome),
      col((o) => o.report.failureCode),
      col((o) => JSON.stringify(o.report.parts)),
      col((o) => o.report.labourHours),
    ],
  );
}
