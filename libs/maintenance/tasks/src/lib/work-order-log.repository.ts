import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { toTask, type Task } from './task.repository';

/** A work order with its status history, as the KPIs read it. */
export interface LoggedWorkOrder {
  task: Task;
  /** Every status the order entered, in order (`task_history`). */
  transitions: Array<{ to: string; at: string }>;
}

/** Which orders {@link WorkOrderLogRepository.orders} returns (ISO instants). */
export interface WorkOrderLogQuery {
  from: string;
  to: string;
  /** Orders created before this instant are candidates as repeats (the period end + 30 days). */
  createdBefore: string;
  assetType?: string;
}

/**
 * The order log of a period for the KPIs (issue 14): orders completed in it, plan orders due in it,
 * and orders created up to `createdBefore` (repeats), each with its history. One query each.
 */
export class WorkOrderLogRepository {
  constructor(private readonly db: SqlDatabase) {}

  async orders(scope: Scope, query: WorkOrderLogQuery): Promise<LoggedWorkOrder[]> {
    const params: unknown[] = [query.from, query.to, query.createdBefore];
    const tenant = scopeCondition(scope, 't.tenant_id', params);
    const type =
      query.assetType === undefined ? 'true' : `t.asset_type = $${params.push(query.assetType)}`;
    // Each order's history comes folded into its row (two strings), not as rows of their own: a
    // year of 300,000 orders has 1.5 million history rows, whose transfer dominated the KPI route.
    const rows = await this.db.query<Record<string, unknown>>(
      `select t.*, h.statuses as history_statuses, h.ats as history_ats from tasks t
       left join lateral (
         select string_agg(x.to_status, ',' order by x.at, x.id) as statuses,
           string_agg((extract(epoch from x.at) * 1000)::bigint::text, ',' order by x.at, x.id) as ats
         from task_history x where x.task_id = t.id) h on true
       where ${tenant} and ${type}
         and ((t.completed_at >= $1 and t.completed_at < $2)
           or (t.source = 'PLAN' and t.replace_by >= $1 and t.replace_by < $2)
           or (t.created_at >= $1 and t.created_at < $3))
       order by t.created_at, t.id`,
      params as SqlValue[],
    );
    return rows.map((r) => ({ task: toTask(r), transitions: transitionsOf(r) }));
  }
}

/** The folded history of a row: statuses and epoch milliseconds, comma-separated, in order. */
function transitionsOf(r: Record<string, unknown>): Array<{ to: string; at: string }> {
  if (typeof r.history_statuses !== 'string' || typeof r.history_ats !== 'string') return [];
  const ats = r.history_ats.split(',');
  return r.history_statuses
    .split(',')
    .map((to, i) => ({ to, at: new Date(Number(ats[i])).toISOString() }));
}
