import type { Task, TaskStatus } from './task.repository';

/** Something that happened to a work order: raised, moved to another status, escalated. */
export interface WorkOrderEvent {
  kind: 'RAISED' | 'STATUS_CHANGED' | 'ESCALATED';
  order: Task;
  /** The status before a change (a status change; an escalation's is the same status). */
  previousStatus?: TaskStatus;
}

/**
 * Where work-order events go (declared here, implemented by the composition root: webhooks and the
 * device's maintenance command). Called after the change is stored; a sink must not throw.
 */
export interface WorkOrderEvents {
  onEvent(event: WorkOrderEvent): Promise<void>;
}

/** Events go nowhere (tests, processes without notifications). */
export const NO_WORK_ORDER_EVENTS: WorkOrderEvents = { onEvent: async () => undefined };
