import type { TaskStatus } from './task.repository';

/**
 * Where a work order may go from each status (Maximo-like: WAPPR -> APPR / WSCH / WMATL -> INPRG ->
 * COMP, plus CAN). Forward steps may be skipped (a technician who starts at once acknowledges by
 * doing so); `SCHEDULED -> SCHEDULED` reschedules. `DONE` and `CANCELLED` are final.
 */
export const WORK_ORDER_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  OPEN: ['ACKNOWLEDGED', 'SCHEDULED', 'IN_PROGRESS', 'CANCELLED'],
  ACKNOWLEDGED: ['SCHEDULED', 'WAITING_PARTS', 'IN_PROGRESS', 'CANCELLED'],
  SCHEDULED: ['SCHEDULED', 'WAITING_PARTS', 'IN_PROGRESS', 'CANCELLED'],
  WAITING_PARTS: ['SCHEDULED', 'IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['WAITING_PARTS', 'DONE'],
  DONE: [],
  CANCELLED: [],
};

/** Targets refused once work has started, even from a status that otherwise allows them (Maximo: no CAN after INPRG). */
export const REFUSED_AFTER_WORK_STARTED: readonly TaskStatus[] = ['CANCELLED'];

/** Statuses an order never leaves; every other status counts as open (one per asset and component). */
export const FINAL_STATUSES: readonly TaskStatus[] = ['DONE', 'CANCELLED'];

/** Whether an order in `status` is open (not final). */
export function isOpenStatus(status: TaskStatus): boolean {
  return !FINAL_STATUSES.includes(status);
}

/** The statuses an order in `from` may move to; `workStarted` when it has been `IN_PROGRESS` before. */
export function allowedTransitions(from: TaskStatus, workStarted: boolean): TaskStatus[] {
  return WORK_ORDER_TRANSITIONS[from].filter(
    (to) => !(workStarted && REFUSED_AFTER_WORK_STARTED.includes(to)),
  );
}

/** Whether `from -> to` is allowed. */
export function canTransition(from: TaskStatus, to: TaskStatus, workStarted: boolean): boolean {
  return allowedTransitions(from, workStarted).includes(to);
}
