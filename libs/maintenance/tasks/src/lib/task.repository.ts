import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

export type TaskStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type TaskPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export const TASK_STATUSES: readonly TaskStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'];

/** A preventive-replacement task (the public shape of `/api/tasks`). */
export interface Task {
  id: string;
  tenantId: string;
  assetId: string;
  component: string;
  status: TaskStatus;
  priority: TaskPriority;
  predictedRul: number;
  risk: number;
  modelVersion: string;
  replaceBy: string;
  createdAt: string;
  /** Last change of any field (a cost set after completion moves it): not a completion time. */
  updatedAt: string;
  /**
   * When the task became `DONE` (ISO 8601), or null while it is not `DONE`. Later edits of a DONE
   * task (cost, outcome) keep it; leaving `DONE` (reopening, cancelling) clears it, and completing
   * again sets it anew. Contract health and the fleet export date a completed task by it.
   */
  completedAt: string | null;
  outcome: string | null;
  /** What doing the task cost (decimal string, 2 decimals; `0.00` until set): the service margin of contract health subtracts it. */
  cost: string;
}

export interface NewTask {
  tenantId: string;
  assetId: string;
  component: string;
  priority: TaskPriority;
  predictedRul: number;
  risk: number;
  modelVersion: string;
  replaceBy: Date;
}

const toTask = (r: Record<string, unknown>): Task => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  assetId: String(r.asset_id),
  component: String(r.component),
  status: r.status as TaskStatus,
  priority: r.priority as TaskPriority,
  predictedRul: Number(r.predicted_rul),
  risk: Number(r.risk),
  modelVersion: String(r.model_version),
  replaceBy: new Date(r.replace_by as Date).toISOString(),
  createdAt: new Date(r.created_at as Date).toISOString(),
  updatedAt: new Date(r.updated_at as Date).toISOString(),
  completedAt: r.completed_at ? new Date(r.completed_at as Date).toISOString() : null,
  outcome: (r.outcome as string | null) ?? null,
  cost: r.cost === undefined || r.cost === null ? '0.00' : String(r.cost),
});

/** Where a page of tasks ends: its last task's creation (µs since the epoch, exact) and id. */
export interface TaskPageKey {
  createdUs: number;
  id: string;
}

const CREATED_US = '(extract(epoch from created_at) * 1000000)::bigint';

/** Tasks in the relational store; at most one open task per asset and component (a unique index). */
export class TaskRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Inserts unless an open task exists for the asset and component; returns the new task or null. */
  async openIfNone(t: NewTask): Promise<Task | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by)
       values ($1, $2, $3, $4, 'OPEN', $5, $6, $7, $8, $9)
       on conflict (asset_id, component) where status in ('OPEN', 'IN_PROGRESS') do nothing
       returning *`,
      [
        randomUUID(),
        t.tenantId,
        t.assetId,
        t.component,
        t.priority,
        t.predictedRul,
        t.risk,
        t.modelVersion,
        t.replaceBy,
      ],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  async list(
    scope: Scope,
    filter: { status?: TaskStatus; assetId?: string } = {},
  ): Promise<Task[]> {
    return (await this.select(scope, filter)).map(toTask);
  }

  /**
   * A page of {@link list} (newest first), keyset-paginated on (created_at desc, id): at most
   * `page.limit` tasks after `page.after`; `next` is the key of the last one when more follow.
   */
  async listPage(
    scope: Scope,
    filter: { status?: TaskStatus; assetId?: string },
    page: { limit: number; after?: TaskPageKey },
  ): Promise<{ items: Task[]; next: TaskPageKey | null }> {
    const rows = await this.select(scope, filter, { limit: page.limit + 1, after: page.after });
    const kept = rows.slice(0, page.limit);
    const last = kept[kept.length - 1];
    const next = rows.length > page.limit && last ? { createdUs: Number(last.created_us), id: String(last.id) } : null;
    return { items: kept.map(toTask), next };
  }

  private select(
    scope: Scope,
    filter: { status?: TaskStatus; assetId?: string },
    page?: { limit: number; after?: TaskPageKey },
  ): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [filter.status ?? null, filter.assetId ?? null, page?.after?.createdUs ?? null, page?.after?.id ?? null, page?.limit ?? null];
    return this.db.query<Record<string, unknown>>(
      `select *, ${CREATED_US} as created_us from tasks where ${scopeCondition(scope, 'tenant_id', params)}
         and ($1::text is null or status = $1) and ($2::text is null or asset_id = $2)
         and ($3::bigint is null or ${CREATED_US} < $3::bigint or (${CREATED_US} = $3::bigint and id > $4))
       order by created_at desc, id limit $5::int`,
      params as string[],
    );
  }

  async get(scope: Scope, id: string): Promise<Task | null> {
    const params: unknown[] = [id];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from tasks where id = $1 and ${scopeCondition(scope, 'tenant_id', params)}`,
      params as string[],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  async update(
    scope: Scope,
    id: string,
    patch: { status?: TaskStatus; outcome?: string | null; cost?: string },
  ): Promise<Task | null> {
    const params: unknown[] = [
      id,
      patch.status ?? null,
      patch.outcome === undefined ? null : patch.outcome,
      patch.outcome !== undefined,
      patch.cost ?? null,
    ];
    // completed_at: stamped on the transition into DONE, kept while DONE, cleared on leaving it.
    const rows = await this.db.query<Record<string, unknown>>(
      `update tasks set status = coalesce($2, status), outcome = case when $4 then $3 else outcome end,
         cost = coalesce($5::numeric, cost), updated_at = now(),
         completed_at = case when coalesce($2, status) <> 'DONE' then null
                             when status = 'DONE' then completed_at else now() end
       where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning *`,
      params as string[],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /** Closes the open tasks of an asset created before `before` (the unit they were about was replaced). */
  async closeOpenBefore(assetId: string, before: Date, outcome: string): Promise<number> {
    const rows = await this.db.query(
      `update tasks set status = 'DONE', outcome = $3, updated_at = now(), completed_at = now()
       where asset_id = $1 and status in ('OPEN', 'IN_PROGRESS') and created_at < $2 returning id`,
      [assetId, before, outcome],
    );
    return rows.length;
  }
}
