import type { SqlDatabase, SqlExecutor, SqlValue } from '@hourglass/platform-sql';
import { assignedCondition, type Scope } from '@hourglass/platform-tenancy';
import { ORDER_COLUMNS, toTask, type Task, type TaskStatus } from './task.repository';

/** What a work-order history entry records. */
export type TaskHistoryKind = 'RAISED' | 'TRANSITION' | 'ESCALATION' | 'NOTE';

/** One entry of `GET /api/tasks/{id}/history`: who moved the order from which status to which, when. */
export interface TaskHistoryEntry {
  kind: TaskHistoryKind;
  from: TaskStatus | null;
  to: TaskStatus;
  /** The caller's name as audits name it (`admin`, a user's name), or `platform`. */
  actor: string;
  at: string;
  /** What came with the change (planned date and assignee, escalation level, outcome), or null. */
  detail: Record<string, unknown> | null;
}

/** A history entry to append. */
export interface NewTaskHistoryEntry extends Omit<TaskHistoryEntry, 'at'> {
  taskId: string;
  tenantId: string;
  at: Date;
}

/** Columns a work-order write may set, with the cast their parameter needs. */
const WRITABLE = {
  status: ['status', ''],
  priority: ['priority', ''],
  plannedFor: ['planned_for', '::timestamptz'],
  assignee: ['assignee', ''],
  outcome: ['outcome', ''],
  cost: ['cost', '::numeric'],
  acknowledgedAt: ['acknowledged_at', '::timestamptz'],
  startedAt: ['started_at', '::timestamptz'],
  completedAt: ['completed_at', '::timestamptz'],
  updatedAt: ['updated_at', '::timestamptz'],
  failureOutcome: ['failure_outcome', ''],
  failureCode: ['failure_code', ''],
  partsUsed: ['parts_used', '::jsonb'],
  labourHours: ['labour_hours', '::numeric'],
  labourRate: ['labour_rate', '::numeric'],
} as const;

/** Fields of a work-order write (undefined: unchanged; null: cleared). */
export type WorkOrderWrite = Partial<Record<keyof typeof WRITABLE, SqlValue>>;

/**
 * The SQL of `WorkOrderService`, on a database or an open transaction: lock an order, write the
 * fields a change sets, append and read the history.
 */
export const workOrderSql = {
  /** The order, locked for the rest of the transaction; null when absent or outside `scope`. */
  async lock(tx: SqlExecutor, scope: Scope, id: string): Promise<Task | null> {
    const params: unknown[] = [id];
    const rows = await tx.query<Record<string, unknown>>(
      `select * from tasks where id = $1 and ${assignedCondition(scope, ORDER_COLUMNS, params)} for update`,
      params as SqlValue[],
    );
    return rows[0] ? toTask(rows[0]) : null;
  },

  /** Sets the given fields of order `id`; returns it. */
  async write(tx: SqlExecutor, id: string, fields: WorkOrderWrite): Promise<Task> {
    const params: SqlValue[] = [id];
    const sets = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => {
        const [column, cast] = WRITABLE[key as keyof typeof WRITABLE];
        params.push(value as SqlValue);
        return `${column} = $${params.length}${cast}`;
      });
    const rows = await tx.query<Record<string, unknown>>(
      `update tasks set ${sets.join(', ')} where id = $1 returning *`,
      params,
    );
    return toTask(rows[0]);
  },

  async append(tx: SqlExecutor, e: NewTaskHistoryEntry): Promise<void> {
    await tx.query(
      `insert into task_history (task_id, tenant_id, kind, from_status, to_status, actor, at, detail)
       values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        e.taskId,
        e.tenantId,
        e.kind,
        e.from,
        e.to,
        e.actor,
        e.at,
        e.detail === null ? null : JSON.stringify(e.detail),
      ],
    );
  },

  /** The history of order `id` in `scope`, oldest first; null when the order is absent or outside it. */
  async history(db: SqlDatabase, scope: Scope, id: string): Promise<TaskHistoryEntry[] | null> {
    const params: unknown[] = [id];
    const visible = await db.query(
      `select id from tasks where id = $1 and ${assignedCondition(scope, ORDER_COLUMNS, params)}`,
      params as SqlValue[],
    );
    if (visible.length === 0) return null;
    const rows = await db.query<Record<string, unknown>>(
      'select * from task_history where task_id = $1 order by id',
      [id],
    );
    return rows.map((r) => ({
      kind: r.kind as TaskHistoryKind,
      from: (r.from_status as TaskStatus | null) ?? null,
      to: r.to_status as TaskStatus,
      actor: String(r.actor),
      at: new Date(r.at as Date).toISOString(),
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) ?? null,
    }));
  },
};
