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
    const rows = await this.db.query<Record<string, unknown>>(
      `select t.* from tasks t
       where ${tenant} and ${type}
         and ((t.completed_at >= $1 and t.completed_at < $2)
           or (t.source = 'PLAN' and t.replace_by >= $1 and t.replace_by < $2)
           or (t.created_at >= $1 and t.created_at < $3))
       order by t.created_at, t.id`,
      params as SqlValue[],
    );
    const tasks = rows.map(toTask);
    if (tasks.length === 0) return [];
    const history = await this.db.query<{ task_id: string; to_status: string; at: Date | string }>(
      `select task_id, to_status, at from task_history where task_id = any($1::text[]) order by task_id, at, id`,
      [tasks.map((t) => t.id)],
    );
    const byTask = new Map<string, Array<{ to: string; at: string }>>();
    for (const h of history) {
      const list = byTask.get(h.task_id) ?? [];
      list.push({ to: h.to_status, at: new Date(h.at).toISOString() });
      byTask.set(h.task_id, list);
    }
    return tasks.map((task) => ({ task, transitions: byTask.get(task.id) ?? [] }));
  }
}
