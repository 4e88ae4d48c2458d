import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import { FailureCodeRepository } from './failure-code.repository';
import { failureCodePath, reportCost, requireReport, type FailureReport } from './failure-report';
import { TaskRepository, type Task, type TaskPriority, type TaskStatus } from './task.repository';
import { allowedTransitions } from './work-order-lifecycle';
import { WorkOrderError } from './work-order.errors';
import {
  NO_WORK_ORDER_EVENTS,
  type WorkOrderEvent,
  type WorkOrderEvents,
} from './work-order.events';
import { workOrderSql, type TaskHistoryEntry, type WorkOrderWrite } from './work-order.repository';

/** A change of a work order through the API: a status transition and/or field edits. */
export interface WorkOrderChange {
  status?: TaskStatus;
  /** Planned date (ISO 8601) of a scheduled order. */
  plannedFor?: string;
  assignee?: string;
  /** Free-text note (kept readable on old rows, which have nothing else). */
  outcome?: string | null;
  /** Decimal string, 2 decimals (`parseTaskCost`); given, it wins over the cost a report gives. */
  cost?: string;
  /** The failure report, required (complete) with status `DONE`. */
  report?: Partial<FailureReport>;
}

/** Where an order comes from: the model's warning policy (its version), a rule condition or a maintenance plan. */
export type WorkOrderSource =
  | { kind: 'MODEL'; modelVersion: string }
  | { kind: 'RULE'; ruleId: string }
  | { kind: 'PLAN'; planId: string };

/** An order to raise unless one is open for the asset and component (whatever its source). */
export interface RaiseWorkOrderRequest {
  tenantId: string;
  assetId: string;
  assetType: string;
  component: string;
  source: WorkOrderSource;
  priority: TaskPriority;
  /** When the component should be replaced by. */
  replaceBy: Date;
  /** A model order's risk and predicted remaining life in cycles. */
  risk?: number;
  predictedRul?: number;
}

/** What {@link WorkOrderService} works with. */
export interface WorkOrderServiceDependencies {
  db: SqlDatabase;
  /** The clock transitions are stamped with (default `new Date()`). */
  now?: () => Date;
  /** Where `RAISED` and `STATUS_CHANGED` events go once stored (default nowhere). */
  events?: WorkOrderEvents;
}

/**
 * Works orders through their lifecycle (`WORK_ORDER_TRANSITIONS`): each status change is checked,
 * applied and recorded in the history (who, when, from, to) in one transaction, with the order row
 * locked so two concurrent changes cannot both pass the check.
 */
export class WorkOrderService {
  private readonly now: () => Date;
  private readonly codes: FailureCodeRepository;
  private readonly orders: TaskRepository;
  private readonly events: WorkOrderEvents;

  constructor(private readonly deps: WorkOrderServiceDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.events = deps.events ?? NO_WORK_ORDER_EVENTS;
    this.codes = new FailureCodeRepository(deps.db);
    this.orders = new TaskRepository(deps.db);
  }

  /**
   * Raises an order for any source (model, rule, plan) under the one dedupe: at most one open order
   * per asset and component (the `tasks_one_open` partial unique index, so concurrent raisers
   * cannot both win). Returns the new order (and emits `RAISED`), or null when one is open.
   */
  async raise(request: RaiseWorkOrderRequest): Promise<Task | null> {
    const { source } = request;
    const sourceRef =
      source.kind === 'MODEL'
        ? source.modelVersion
        : source.kind === 'RULE'
          ? source.ruleId
          : source.planId;
    const order = await this.orders.openIfNone({
      tenantId: request.tenantId,
      assetId: request.assetId,
      assetType: request.assetType,
      component: request.component,
      priority: request.priority,
      predictedRul: request.predictedRul ?? null,
      risk: request.risk ?? null,
      modelVersion: source.kind === 'MODEL' ? source.modelVersion : null,
      replaceBy: request.replaceBy,
      source: source.kind,
      sourceRef,
    });
    if (order) await this.events.onEvent({ kind: 'RAISED', order });
    return order;
  }

  /**
   * Applies `change` to order `id` as `actor`; null when it is absent or outside `scope`. A status
   * equal to the current one is no transition (fields are edited), except `SCHEDULED` again, which
   * reschedules.
   *
   * `DONE` takes a complete failure report whose code is under the order's component in its asset
   * type's hierarchy; the report's parts and labour price the order unless `cost` is given.
   *
   * @throws WorkOrderError `ILLEGAL_TRANSITION` naming the allowed targets; `WORK_ORDER_INVALID`
   *   naming a missing or wrong field (a scheduled order's `plannedFor`/`assignee`, `report.*`).
   *   A transition emits `STATUS_CHANGED` once committed.
   */
  async update(
    scope: Scope,
    id: string,
    change: WorkOrderChange,
    actor: string,
  ): Promise<Task | null> {
    let event: WorkOrderEvent | null = null;
    const updated = await this.deps.db.transaction(async (tx) => {
      const order = await workOrderSql.lock(tx, scope, id);
      if (!order) return null;
      const to = change.status;
      const transition = to !== undefined && (to !== order.status || to === 'SCHEDULED');
      if (change.report !== undefined && (!transition || to !== 'DONE')) {
        throw new WorkOrderError(
          'WORK_ORDER_INVALID',
          'report: a failure report comes with the transition to DONE',
        );
      }
      if (!transition)
        return workOrderSql.write(tx, id, { ...this.edits(change), updatedAt: this.now() });
      const moved = await this.transition(tx, order, to, change, actor);
      event = { kind: 'STATUS_CHANGED', order: moved, previousStatus: order.status };
      return moved;
    });
    if (event) await this.events.onEvent(event);
    return updated;
  }

  /**
   * Appends a `NOTE` to the history of order `id` (e.g. an equipment event recorded against it);
   * false when the order is absent or outside `scope`. The status stays as it is.
   */
  async note(scope: Scope, id: string, actor: string, text: string): Promise<boolean> {
    return this.deps.db.transaction(async (tx) => {
      const order = await workOrderSql.lock(tx, scope, id);
      if (!order) return false;
      await workOrderSql.append(tx, {
        taskId: id,
        tenantId: order.tenantId,
        kind: 'NOTE',
        from: order.status,
        to: order.status,
        actor,
        at: this.now(),
        detail: { text },
      });
      return true;
    });
  }

  /** The history of order `id`, oldest first; null when absent or outside `scope`. */
  history(scope: Scope, id: string): Promise<TaskHistoryEntry[] | null> {
    return workOrderSql.history(this.deps.db, scope, id);
  }

  private async transition(
    tx: SqlExecutor,
    order: Task,
    to: TaskStatus,
    change: WorkOrderChange,
    actor: string,
  ): Promise<Task> {
    const allowed = allowedTransitions(order.status, order.startedAt !== null);
    if (!allowed.includes(to)) {
      const why = order.startedAt !== null && to === 'CANCELLED' ? ' (work has started)' : '';
      throw new WorkOrderError(
        'ILLEGAL_TRANSITION',
        `task ${order.id}: ${order.status} -> ${to} is not allowed${why}; allowed from ${order.status}: ${allowed.join(', ') || 'none (final)'}`,
      );
    }
    const at = this.now();
    const fields: WorkOrderWrite = { ...this.edits(change), status: to, updatedAt: at };
    const detail: Record<string, unknown> = {};
    if (to === 'SCHEDULED') Object.assign(detail, this.schedule(order, change));
    if (to === 'DONE') Object.assign(fields, await this.completion(tx, order, change, detail));
    if (order.acknowledgedAt === null) fields.acknowledgedAt = at;
    if (to === 'IN_PROGRESS' && order.startedAt === null) fields.startedAt = at;
    fields.completedAt = to === 'DONE' ? at : null;
    const updated = await workOrderSql.write(tx, order.id, fields);
    await workOrderSql.append(tx, {
      taskId: order.id,
      tenantId: order.tenantId,
      kind: 'TRANSITION',
      from: order.status,
      to,
      actor,
      at,
      detail: Object.keys(detail).length > 0 ? detail : null,
    });
    return updated;
  }

  /** The report's columns (and cost) of a completion; its outcome and code go into the history. */
  private async completion(
    tx: SqlExecutor,
    order: Task,
    change: WorkOrderChange,
    detail: Record<string, unknown>,
  ): Promise<WorkOrderWrite> {
    const report = requireReport(change.report);
    const codes = order.assetType === null ? [] : await this.codes.list(order.assetType, tx);
    failureCodePath(codes, order.component, report.failureCode);
    Object.assign(detail, { outcome: report.outcome, failureCode: report.failureCode });
    return {
      failureOutcome: report.outcome,
      failureCode: report.failureCode,
      partsUsed: JSON.stringify(report.parts),
      labourHours: report.labourHours,
      labourRate: report.labourRate ?? null,
      cost: change.cost ?? reportCost(report) ?? undefined,
    };
  }

  /** A scheduled order's planned date and assignee: given now or kept from before, else 400. */
  private schedule(order: Task, change: WorkOrderChange): { plannedFor: string; assignee: string } {
    const plannedFor = change.plannedFor ?? order.plannedFor;
    const assignee = change.assignee ?? order.assignee;
    if (!plannedFor)
      throw new WorkOrderError(
        'WORK_ORDER_INVALID',
        'plannedFor: a SCHEDULED order needs a planned date',
      );
    if (!assignee)
      throw new WorkOrderError(
        'WORK_ORDER_INVALID',
        'assignee: a SCHEDULED order needs an assignee',
      );
    return { plannedFor: new Date(plannedFor).toISOString(), assignee };
  }

  private edits(change: WorkOrderChange): WorkOrderWrite {
    return {
      outcome: change.outcome,
      cost: change.cost,
      plannedFor: change.plannedFor === undefined ? undefined : new Date(change.plannedFor),
      assignee: change.assignee,
    };
  }
}
