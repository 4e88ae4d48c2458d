import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { assignedCondition, scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import type { FailureOutcome, FailureReport, PartUsed } from './failure-report';

/** Work-order statuses (Maximo-like; `WORK_ORDER_TRANSITIONS` says which follow which). */
export type TaskStatus =
  'OPEN' | 'ACKNOWLEDGED' | 'SCHEDULED' | 'WAITING_PARTS' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type TaskPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export const TASK_STATUSES: readonly TaskStatus[] = [
  'OPEN',
  'ACKNOWLEDGED',
  'SCHEDULED',
  'WAITING_PARTS',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
];
/** Every {@link TaskPriority}, lowest first. */
export const TASK_PRIORITIES: readonly TaskPriority[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
/** What raised an order: the model's warning policy, a rule condition, or a maintenance plan. */
export type TaskSource = 'MODEL' | 'RULE' | 'PLAN';
export const TASK_SOURCES: readonly TaskSource[] = ['MODEL', 'RULE', 'PLAN'];
/** Who the history names when the platform itself raises or closes an order. */
export const PLATFORM_ACTOR = 'platform';
/** SQL condition of an open (non-final) order; the `tasks_one_open` index has the same predicate. */
const OPEN_CONDITION = `status not in ('DONE', 'CANCELLED')`;

/** A preventive-replacement task (the public shape of `/api/tasks`). */
export interface Task {
  id: string;
  tenantId: string;
  assetId: string;
  component: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** Predicted remaining life in cycles when the model raised the order, else null. */
  predictedRul: number | null;
  /** Risk score that raised a model order, else null. */
  risk: number | null;
  /** Model version of a model order, else null. */
  modelVersion: string | null;
  /** What raised the order, and its reference: model version, rule id or plan id. */
  source: TaskSource;
  sourceRef: string;
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
  /** The asset's type (null for tasks of assets deleted before it was recorded). */
  assetType: string | null;
  /** When a scheduled order is planned (ISO 8601), else null. */
  plannedFor: string | null;
  /** Who a scheduled order is assigned to, else null. */
  assignee: string | null;
  /** When the order was first acknowledged (or moved on from OPEN), else null. */
  acknowledgedAt: string | null;
  /** When work first started (`IN_PROGRESS`); cancelling is refused after it. */
  startedAt: string | null;
  /**
   * The failure report it was completed with; null for orders not completed through the lifecycle
   * (older rows, whose free-text `outcome` is all there is, and those the platform closed).
   */
  failureReport: FailureReport | null;
  /** Parts the order will need, from its component's bill of materials when raised (empty when none is defined). */
  partsNeeded: PartUsed[];
}

export interface NewTask {
  tenantId: string;
  assetId: string;
  /** The asset's type (its failure codes and bill of materials); optional for callers that do not know it. */
  assetType?: string;
  component: string;
  priority: TaskPriority;
  predictedRul: number | null;
  risk: number | null;
  /** Model version of a model order (its `sourceRef` too unless one is given); null for rules and plans. */
  modelVersion: string | null;
  replaceBy: Date;
  /** Default `MODEL`. */
  source?: TaskSource;
  /** Default: the model version. */
  sourceRef?: string;
  /** Parts the order will need (its component's bill of materials). */
  partsNeeded?: PartUsed[];
}

const iso = (v: unknown): string | null => (v ? new Date(v as Date).toISOString() : null);

/** A `tasks` row as a {@link Task}. */
export const toTask = (r: Record<string, unknown>): Task => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  assetId: String(r.asset_id),
  component: String(r.component),
  status: r.status as TaskStatus,
  priority: r.priority as TaskPriority,
  predictedRul:
    r.predicted_rul === null || r.predicted_rul === undefined ? null : Number(r.predicted_rul),
  risk: r.risk === null || r.risk === undefined ? null : Number(r.risk),
  modelVersion: (r.model_version as string | null) ?? null,
  source: (r.source as TaskSource | undefined) ?? 'MODEL',
  sourceRef: String(r.source_ref ?? r.model_version ?? ''),
  replaceBy: new Date(r.replace_by as Date).toISOString(),
  createdAt: new Date(r.created_at as Date).toISOString(),
  updatedAt: new Date(r.updated_at as Date).toISOString(),
  completedAt: r.completed_at ? new Date(r.completed_at as Date).toISOString() : null,
  outcome: (r.outcome as string | null) ?? null,
  cost: r.cost === undefined || r.cost === null ? '0.00' : String(r.cost),
  assetType: (r.asset_type as string | null) ?? null,
  plannedFor: iso(r.planned_for),
  assignee: (r.assignee as string | null) ?? null,
  acknowledgedAt: iso(r.acknowledged_at),
  startedAt: iso(r.started_at),
  failureReport: r.failure_outcome ? toReport(r) : null,
  partsNeeded:
    ((typeof r.parts_needed === 'string' ? JSON.parse(r.parts_needed) : r.parts_needed) as
      PartUsed[] | null) ?? [],
});

function toReport(r: Record<string, unknown>): FailureReport {
  const parts = (typeof r.parts_used === 'string' ? JSON.parse(r.parts_used) : r.parts_used) as
    PartUsed[] | null;
  return {
    outcome: r.failure_outcome as FailureOutcome,
    failureCode: String(r.failure_code),
    parts: parts ?? [],
    labourHours: Number(r.labour_hours),
    ...(r.labour_rate === null || r.labour_rate === undefined
      ? {}
      : { labourRate: String(r.labour_rate) }),
  };
}

/** Which completed tasks count for {@link TaskRepository.completedCosts}: a tenant's, or assets over windows (ISO instants). */
export type CompletedTaskCoverage =
  | { tenantId: string }
  | { windows: ReadonlyArray<{ assetId: string; from: string; to: string | null }> };
/** Where a page of tasks ends: its last task's creation (µs since the epoch, exact) and id. */
export interface TaskPageKey {
  createdUs: number;
  id: string;
}

const CREATED_US = '(extract(epoch from created_at) * 1000000)::bigint';

/** How an order row is scoped: by its tenant, and for a partner by the order's own id (its assignment). */
export const ORDER_COLUMNS = { tenant: 'tenant_id', order: 'id' } as const;

/** Tasks in the relational store; at most one open task per asset and component (a unique index). */
export class TaskRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Inserts unless an open (non-final) order exists for the asset and component; returns the new
   * order or null. The `RAISED` history entry is written by the same statement.
   */
  async openIfNone(t: NewTask): Promise<Task | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      `with raised as (
         insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type, source, source_ref, parts_needed)
         values ($1, $2, $3, $4, 'OPEN', $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
         on conflict (asset_id, component) where ${OPEN_CONDITION} do nothing
         returning *),
       history as (
         insert into task_history (task_id, tenant_id, kind, from_status, to_status, actor, detail)
         select id, tenant_id, 'RAISED', null, 'OPEN', '${PLATFORM_ACTOR}', jsonb_build_object('source', source, 'sourceRef', source_ref) from raised)
       select * from raised`,
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
        t.assetType ?? null,
        t.source ?? 'MODEL',
        t.sourceRef ?? t.modelVersion ?? '',
        t.partsNeeded ? JSON.stringify(t.partsNeeded) : null,
      ],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /**
   * {@link openIfNone} for many orders in one statement (a scoring round's raises): the new orders,
   * in no particular order; those whose asset and component have an open order are left out.
   */
  async openManyIfNone(tasks: readonly NewTask[]): Promise<Task[]> {
    if (tasks.length === 0) return [];
    const column = <T>(pick: (t: NewTask) => T) => tasks.map(pick);
    const rows = await this.db.query<Record<string, unknown>>(
      `with raised as (
         insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type, source, source_ref, parts_needed)
         select n.id, n.tenant_id, n.asset_id, n.component, 'OPEN', n.priority, n.predicted_rul, n.risk, n.model_version,
           n.replace_by, n.asset_type, n.source, n.source_ref, n.parts_needed::jsonb
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::text[],
           $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[])
           as n(id, tenant_id, asset_id, component, priority, predicted_rul, risk, model_version, replace_by, asset_type, source, source_ref, parts_needed)
         on conflict (asset_id, component) where ${OPEN_CONDITION} do nothing
         returning *),
       history as (
         insert into task_history (task_id, tenant_id, kind, from_status, to_status, actor, detail)
         select id, tenant_id, 'RAISED', null, 'OPEN', '${PLATFORM_ACTOR}', jsonb_build_object('source', source, 'sourceRef', source_ref) from raised)
       select * from raised`,
      [
        column(() => randomUUID()),
        column((t) => t.tenantId),
        column((t) => t.assetId),
        column((t) => t.component),
        column((t) => t.priority),
        column((t) => t.predictedRul),
        column((t) => t.risk),
        column((t) => t.modelVersion),
        column((t) => t.replaceBy.toISOString()),
        column((t) => t.assetType ?? null),
        column((t) => t.source ?? 'MODEL'),
        column((t) => t.sourceRef ?? t.modelVersion ?? ''),
        column((t) => (t.partsNeeded ? JSON.stringify(t.partsNeeded) : null)),
      ] as SqlValue[],
    );
    return rows.map(toTask);
  }

  async list(
    scope: Scope,
    filter: { status?: TaskStatus; assetId?: string } = {},
  ): Promise<Task[]> {
    return (await this.select(scope, filter)).map(toTask);
  }

  /**
   * The open tasks (neither DONE nor CANCELLED), in {@link list}'s order: one statement that reads
   * only open ones (a whole book's done orders are most of the table).
   */
  async listOpen(scope: Scope): Promise<Task[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<Record<string, unknown>>(
      `select *, ${CREATED_US} as created_us from tasks
       where status not in ('DONE', 'CANCELLED') and ${assignedCondition(scope, ORDER_COLUMNS, params)}
       order by created_at desc, id`,
      params as string[],
    );
    return rows.map(toTask);
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
    const next =
      rows.length > page.limit && last
        ? { createdUs: Number(last.created_us), id: String(last.id) }
        : null;
    return { items: kept.map(toTask), next };
  }

  private select(
    scope: Scope,
    filter: { status?: TaskStatus; assetId?: string },
    page?: { limit: number; after?: TaskPageKey },
  ): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [
      filter.status ?? null,
      filter.assetId ?? null,
      page?.after?.createdUs ?? null,
      page?.after?.id ?? null,
      page?.limit ?? null,
    ];
    return this.db.query<Record<string, unknown>>(
      `select *, ${CREATED_US} as created_us from tasks where ${assignedCondition(scope, ORDER_COLUMNS, params)}
         and ($1::text is null or status = $1) and ($2::text is null or asset_id = $2)
         and ($3::bigint is null or ${CREATED_US} < $3::bigint or (${CREATED_US} = $3::bigint and id > $4))
       order by created_at desc, id limit $5::int`,
      params as string[],
    );
  }

  async get(scope: Scope, id: string): Promise<Task | null> {
    const params: unknown[] = [id];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from tasks where id = $1 and ${assignedCondition(scope, ORDER_COLUMNS, params)}`,
      params as string[],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /**
   * Changes fields as given, without the lifecycle's checks or a history entry: status changes of
   * users go through `WorkOrderService`, which checks and records them.
   */
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
       where id = $1 and ${assignedCondition(scope, ORDER_COLUMNS, params)} returning *`,
      params as string[],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /**
   * Closes the open orders of an asset created before `before` (the unit they were about was
   * replaced): `DONE` from any open status, by the platform, with a history entry each. The
   * lifecycle's rules (no report, no DONE before work) do not apply: nobody worked the order, the
   * unit it was about is gone; the fleet export leaves these out of its labels.
   */
  async closeOpenBefore(assetId: string, before: Date, outcome: string): Promise<number> {
    const rows = await this.db.query(
      `with old as (select id, status from tasks where asset_id = $1 and ${OPEN_CONDITION} and created_at < $2 for update),
       closed as (
         update tasks t set status = 'DONE', outcome = $3, updated_at = now(), completed_at = now()
         from old where t.id = old.id returning t.id, t.tenant_id, old.status as from_status),
       history as (
         insert into task_history (task_id, tenant_id, kind, from_status, to_status, actor, detail)
         select id, tenant_id, 'TRANSITION', from_status, 'DONE', '${PLATFORM_ACTOR}', jsonb_build_object('outcome', $3::text) from closed)
       select id from closed`,
      [assetId, before, outcome],
    );
    return rows.length;
  }

  /**
   * When the last order of each asset and component among `assetIds` closed (DONE or CANCELLED),
   * keyed `assetId/component`: one statement per round for the cooldown of the assets about to raise.
   */
  async lastClosedAt(assetIds: readonly string[]): Promise<Map<string, number>> {
    if (assetIds.length === 0) return new Map();
    const rows = await this.db.query<{ asset_id: string; component: string; closed: Date }>(
      `select asset_id, component, max(coalesce(completed_at, updated_at)) as closed from tasks
       where asset_id = any($1::text[]) and status in ('DONE', 'CANCELLED') group by asset_id, component`,
      [[...assetIds]],
    );
    return new Map(rows.map((r) => [`${r.asset_id}/${r.component}`, new Date(r.closed).getTime()]));
  }

  /**
   * Cost (decimal string) and count of the tasks DONE with `completed_at` in `[fromIso, toIso]`, in
   * `scope`, of the assets `covered` at their completion: every asset of a tenant, or assets over
   * effective-dated windows `[from, to)` (`to` null: open-ended).
   */
  async completedCosts(
    scope: Scope,
    fromIso: string,
    toIso: string,
    covered: CompletedTaskCoverage,
  ): Promise<{ cost: string; count: number }> {
    const params: unknown[] = [fromIso, toIso];
    const coverage =
      'tenantId' in covered
        ? `t.tenant_id = $${params.push(covered.tenantId)}`
        : `exists (select 1 from unnest($${params.push(covered.windows.map((w) => w.assetId))}::text[],
             $${params.push(covered.windows.map((w) => w.from))}::timestamptz[], $${params.push(covered.windows.map((w) => w.to))}::timestamptz[])
             as c(asset_id, covered_from, covered_to)
           where c.asset_id = t.asset_id and c.covered_from <= t.completed_at and (c.covered_to is null or t.completed_at < c.covered_to))`;
    const [row] = await this.db.query<{ cost: string | null; n: number }>(
      `select sum(t.cost)::text as cost, count(*)::int as n from tasks t
       where t.status = 'DONE' and t.completed_at >= $1 and t.completed_at <= $2 and ${coverage}
         and ${scopeCondition(scope, 't.tenant_id', params)}`,
      params as string[],
    );
    return { cost: row?.cost ?? '0', count: Number(row?.n ?? 0) };
  }

  /**
   * {@link completedCosts} of whole tenants (fleet contracts) in one statement: per tenant with
   * tasks completed in the window, their summed cost and count.
   */
  async completedCostsByTenant(
    scope: Scope,
    fromIso: string,
    toIso: string,
  ): Promise<Map<string, { cost: string; count: number }>> {
    const params: unknown[] = [fromIso, toIso];
    const rows = await this.db.query<{ tenant_id: string; cost: string | null; n: number }>(
      `select t.tenant_id, sum(t.cost)::text as cost, count(*)::int as n from tasks t
       where t.status = 'DONE' and t.completed_at >= $1 and t.completed_at <= $2
         and ${scopeCondition(scope, 't.tenant_id', params)}
       group by t.tenant_id`,
      params as string[],
    );
    return new Map(rows.map((r) => [r.tenant_id, { cost: r.cost ?? '0', count: Number(r.n) }]));
  }
}
