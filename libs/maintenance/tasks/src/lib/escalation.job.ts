import {
  DEFAULT_ESCALATION_OPTIONS,
  acknowledgeWithin,
  escalationDue,
  type EscalationOptions,
} from './escalation.policy';
import type { EscalationStore } from './escalation.repository';
import { raisePriority } from './replacement-task.service';
import { TASK_PRIORITIES, type Task } from './task.repository';
import { NO_WORK_ORDER_EVENTS, type WorkOrderEvents } from './work-order.events';

/** What {@link EscalationJob} works with. */
export interface EscalationJobDependencies {
  store: EscalationStore;
  /** Where `ESCALATED` events go (default nowhere). */
  events?: WorkOrderEvents;
  /** The clock (default `new Date()`). */
  now?: () => Date;
}

/**
 * Escalates orders nobody acknowledged in time and scheduled orders not started by their planned
 * date (`escalationDue`): priority up one level, the level, reason and missed deadline in the
 * history (`ESCALATION`, actor `platform`), and an `ESCALATED` event. Each level is written only if
 * the order is still at the level read, so concurrent jobs escalate an order once per level.
 */
export class EscalationJob {
  private readonly options: EscalationOptions;
  private readonly now: () => Date;
  private readonly events: WorkOrderEvents;

  constructor(
    private readonly deps: EscalationJobDependencies,
    options: Partial<EscalationOptions> = {},
  ) {
    this.options = { ...DEFAULT_ESCALATION_OPTIONS, ...options };
    this.now = deps.now ?? (() => new Date());
    this.events = deps.events ?? NO_WORK_ORDER_EVENTS;
  }

  /** One round: the orders escalated. */
  async run(): Promise<Task[]> {
    const now = this.now();
    const shortest = Math.min(...TASK_PRIORITIES.map((p) => acknowledgeWithin(this.options, p)));
    const candidates = await this.deps.store.candidates(
      new Date(now.getTime() - shortest),
      new Date(now.getTime() - this.options.overdueGraceMs),
      this.options.maxLevel,
    );
    const escalated: Task[] = [];
    for (const c of candidates) {
      const due = escalationDue(c, this.options, now);
      if (!due) continue;
      const order = await this.deps.store.escalate({
        order: c.order,
        expectedLevel: c.level,
        priority: raisePriority(c.order.priority),
        due,
        at: now,
      });
      if (!order) continue;
      escalated.push(order);
      await this.events.onEvent({ kind: 'ESCALATED', order, previousStatus: c.order.status });
    }
    return escalated;
  }
}
