import type { z } from 'zod';
import type {
  failureCodeResponseSchema,
  failureReportSchema,
  partUsedSchema,
  taskHistoryEntryResponseSchema,
  taskResponseSchema,
} from './schemas/task.schemas';

/**
 * Status of a work order: OPEN -> ACKNOWLEDGED -> SCHEDULED -> IN_PROGRESS -> DONE, WAITING_PARTS
 * while parts are short, CANCELLED until work starts. DONE and CANCELLED are final.
 */
export type TaskStatus =
  'OPEN' | 'ACKNOWLEDGED' | 'SCHEDULED' | 'WAITING_PARTS' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
/** Every {@link TaskStatus}, in lifecycle order. */
export const TASK_STATUSES: readonly TaskStatus[] = Object.freeze([
  'OPEN',
  'ACKNOWLEDGED',
  'SCHEDULED',
  'WAITING_PARTS',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
]);

/** What raised a work order. */
export type TaskSource = 'MODEL' | 'RULE' | 'PLAN';

export type TaskPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
/** Every {@link TaskPriority}, lowest first. */
export const TASK_PRIORITIES: readonly TaskPriority[] = Object.freeze([
  'LOW',
  'MEDIUM',
  'HIGH',
  'CRITICAL',
]);

/** `GET /api/tasks`, `GET/PATCH /api/tasks/{id}`. */
export type TaskResponse = z.infer<typeof taskResponseSchema>;

/** What the technician found. */
export type FailureOutcome = 'DEFECT_CONFIRMED_REPLACED' | 'NO_FAULT_FOUND' | 'OTHER';

/** A part a completed order used; `unitCost` decimal string (provider users). */
export type PartUsed = z.infer<typeof partUsedSchema>;

/** The failure report `DONE` requires (400 naming the missing field). */
export type FailureReport = z.infer<typeof failureReportSchema>;

/** Level of a failure code: component -> problem -> cause -> remedy. */
export type FailureCodeLevel = 'COMPONENT' | 'PROBLEM' | 'CAUSE' | 'REMEDY';

/** `GET /api/failure-codes/{assetType}` items; `PUT` takes `{codes: FailureCodeResponse[]}` (provider users). */
export type FailureCodeResponse = z.infer<typeof failureCodeResponseSchema>;

/** What a history entry records. */
export type TaskHistoryKind = 'RAISED' | 'TRANSITION' | 'ESCALATION' | 'NOTE';

/** `GET /api/tasks/{id}/history`: `{items: TaskHistoryEntryResponse[]}`, oldest first. */
export type TaskHistoryEntryResponse = z.infer<typeof taskHistoryEntryResponseSchema>;

/** `GET /api/tasks?status&assetId`. */
export interface TaskListQuery {
  status?: TaskStatus;
  assetId?: string;
}

/**
 * `PATCH /api/tasks/{id}` body: at least one field. `cost` (provider users): decimal >= 0, 2
 * decimals. An illegal transition is 409 naming the allowed ones; SCHEDULED needs `plannedFor` and
 * `assignee` (given now or before).
 */
export interface TaskPatchRequest {
  status?: TaskStatus;
  plannedFor?: string;
  assignee?: string;
  /** Required (complete) with status DONE. */
  report?: Partial<FailureReport>;
  outcome?: string | null;
  cost?: string | number;
}
