/** Codes of {@link WorkOrderError}: `ILLEGAL_TRANSITION` (409), `WORK_ORDER_INVALID` (400). */
export type WorkOrderErrorCode = 'ILLEGAL_TRANSITION' | 'WORK_ORDER_INVALID';

/** A work-order change refused: a transition the lifecycle does not allow, or a missing/invalid field. */
export class WorkOrderError extends Error {
  constructor(
    readonly code: WorkOrderErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkOrderError';
  }
}
