import type { Task, TaskPriority } from './task.repository';

/** Options of the escalation job (`EscalationJob`). */
export interface EscalationOptions {
  /** How long an `OPEN` order may stay unacknowledged before it escalates a level (default 4 h). */
  acknowledgeWithinMs: number;
  /** Per-priority overrides of {@link acknowledgeWithinMs} (default none: e.g. `{ CRITICAL: 3_600_000 }`). */
  acknowledgeWithinMsByPriority: Partial<Record<TaskPriority, number>>;
  /** How long after its planned date a `SCHEDULED` order may stay unstarted before it escalates (default 0). */
  overdueGraceMs: number;
  /** The highest escalation level; an order at it escalates no further (default 3). */
  maxLevel: number;
}

/** The documented defaults of {@link EscalationOptions}. */
export const DEFAULT_ESCALATION_OPTIONS: EscalationOptions = {
  acknowledgeWithinMs: 4 * 3_600_000,
  acknowledgeWithinMsByPriority: {},
  overdueGraceMs: 0,
  maxLevel: 3,
};

/** An open order with its escalation state. */
export interface EscalationCandidate {
  order: Task;
  /** Levels escalated so far (0: never). */
  level: number;
  /** When it last escalated, or null. */
  escalatedAt: Date | null;
}

/** Why an order escalates, and the deadline it missed. */
export interface EscalationDue {
  reason: 'UNACKNOWLEDGED' | 'OVERDUE';
  deadline: Date;
}

/** The acknowledgement time of an order of `priority`. */
export function acknowledgeWithin(options: EscalationOptions, priority: TaskPriority): number {
  return options.acknowledgeWithinMsByPriority[priority] ?? options.acknowledgeWithinMs;
}

/**
 * Whether `c` escalates at `now`. Unacknowledged: an `OPEN` order whose acknowledgement time passed
 * since it was raised or last escalated (so each level has its own deadline). Overdue: a `SCHEDULED`
 * order not started by its planned date plus the grace, not escalated since that deadline (a
 * reschedule makes a new deadline). Never beyond `maxLevel`.
 */
export function escalationDue(
  c: EscalationCandidate,
  options: EscalationOptions,
  now: Date,
): EscalationDue | null {
  if (c.level >= options.maxLevel) return null;
  const { order } = c;
  if (order.status === 'OPEN' && order.acknowledgedAt === null) {
    const since = c.escalatedAt?.getTime() ?? Date.parse(order.createdAt);
    const deadline = new Date(since + acknowledgeWithin(options, order.priority));
    return now >= deadline ? { reason: 'UNACKNOWLEDGED', deadline } : null;
  }
  if (order.status === 'SCHEDULED' && order.startedAt === null && order.plannedFor !== null) {
    const deadline = new Date(Date.parse(order.plannedFor) + options.overdueGraceMs);
    const escalatedSince = c.escalatedAt !== null && c.escalatedAt >= deadline;
    return now >= deadline && !escalatedSince ? { reason: 'OVERDUE', deadline } : null;
  }
  return null;
}
