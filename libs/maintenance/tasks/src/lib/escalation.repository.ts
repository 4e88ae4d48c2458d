import type { SqlDatabase } from '@hourglass/platform-sql';
import type { EscalationCandidate, EscalationDue } from './escalation.policy';
import { PLATFORM_ACTOR, toTask, type Task, type TaskPriority } from './task.repository';
import { workOrderSql } from './work-order.repository';

/** One escalation to apply: the level expected now (the write is refused if another got there first). */
export interface EscalationWrite {
  order: Task;
  expectedLevel: number;
  priority: TaskPriority;
  due: EscalationDue;
  at: Date;
}

/** What the escalation job reads and writes (SQL in the platform, memory in the scenario test). */
export interface EscalationStore {
  /** Open orders that may be due: unacknowledged since `unacknowledgedSince`, or scheduled for before `plannedBefore`. */
  candidates(
    unacknowledgedSince: Date,
    plannedBefore: Date,
    maxLevel: number,
  ): Promise<EscalationCandidate[]>;
  /** Applies `w` unless the order changed status or level since it was read; returns the order or null. */
  escalate(w: EscalationWrite): Promise<Task | null>;
}

/** {@link EscalationStore} on the `tasks` and `task_history` tables. */
export class EscalationRepository implements EscalationStore {
  constructor(private readonly db: SqlDatabase) {}

  async candidates(
    unacknowledgedSince: Date,
    plannedBefore: Date,
    maxLevel: number,
  ): Promise<EscalationCandidate[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from tasks where escalation_level < $3 and (
         (status = 'OPEN' and acknowledged_at is null and coalesce(escalated_at, created_at) <= $1)
         or (status = 'SCHEDULED' and started_at is null and planned_for <= $2))
       order by created_at, id`,
      [unacknowledgedSince, plannedBefore, maxLevel],
    );
    return rows.map((r) => ({
      order: toTask(r),
      level: Number(r.escalation_level),
      escalatedAt: r.escalated_at ? new Date(r.escalated_at as Date) : null,
    }));
  }

  escalate(w: EscalationWrite): Promise<Task | null> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Record<string, unknown>>(
        `update tasks set priority = $2, escalation_level = escalation_level + 1, escalated_at = $3::timestamptz, updated_at = $3::timestamptz
         where id = $1 and escalation_level = $4 and status = $5 returning *`,
        [w.order.id, w.priority, w.at, w.expectedLevel, w.order.status],
      );
      if (!rows[0]) return null;
      await workOrderSql.append(tx, {
        taskId: w.order.id,
        tenantId: w.order.tenantId,
        kind: 'ESCALATION',
        from: w.order.status,
        to: w.order.status,
        actor: PLATFORM_ACTOR,
        at: w.at,
        detail: {
          level: w.expectedLevel + 1,
          reason: w.due.reason,
          deadline: w.due.deadline.toISOString(),
          previousPriority: w.order.priority,
          priority: w.priority,
        },
      });
      return toTask(rows[0]);
    });
  }
}
