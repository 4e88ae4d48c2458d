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
export interface TaskResponse {
  id: string;
  tenantId: string;
  assetId: string;
  component: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** Model orders only (null for rules and plans). */
  predictedRul: number | null;
  risk: number | null;
  modelVersion: string | null;
  /** What raised the order and its reference (model version, rule id, plan id). */
  source: TaskSource;
  sourceRef: string;
  replaceBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the task became DONE; null while it is not DONE. */
  completedAt: string | null;
  outcome: string | null;
  /** Decimal string, 2 decimals (`0.00` until set). */
  cost: string;
  /** The asset's type; null on old rows of deleted assets. */
  assetType: string | null;
  /** Planned date of a scheduled order, else null. */
  plannedFor: string | null;
  assignee: string | null;
  /** When the order was first acknowledged or moved on from OPEN. */
  acknowledgedAt: string | null;
  /** When work first started; CANCELLED is refused after it. */
  startedAt: string | null;
  /** The report the order was completed with; null before, and on older rows (their `outcome` text is all there is). */
  failureReport: FailureReport | null;
  /** Parts the order will need, from its component's bill of materials when raised. */
  partsNeeded: PartUsed[];
}

/** What the technician found. */
export type FailureOutcome = 'DEFECT_CONFIRMED_REPLACED' | 'NO_FAULT_FOUND' | 'OTHER';

/** A part a completed order used; `unitCost` decimal string (provider users). */
export interface PartUsed {
  partNumber: string;
  quantity: number;
  unitCost?: string;
}

/** The failure report `DONE` requires (400 naming the missing field). */
export interface FailureReport {
  outcome: FailureOutcome;
  /** A problem, cause or remedy code under the order's component (`GET /api/failure-codes/{assetType}`). */
  failureCode: string;
  parts: PartUsed[];
  labourHours: number;
  /** Decimal string per hour (provider users); with unit costs it prices the order unless `cost` is given. */
  labourRate?: string;
}

/** Level of a failure code: component -> problem -> cause -> remedy. */
export type FailureCodeLevel = 'COMPONENT' | 'PROBLEM' | 'CAUSE' | 'REMEDY';

/** `GET /api/failure-codes/{assetType}` items; `PUT` takes `{codes: FailureCodeResponse[]}` (provider users). */
export interface FailureCodeResponse {
  code: string;
  level: FailureCodeLevel;
  parent: string | null;
  description: string;
}

/** What a history entry records. */
export type TaskHistoryKind = 'RAISED' | 'TRANSITION' | 'ESCALATION' | 'NOTE';

/** `GET /api/tasks/{id}/history`: `{items: TaskHistoryEntryResponse[]}`, oldest first. */
export interface TaskHistoryEntryResponse {
  kind: TaskHistoryKind;
  from: TaskStatus | null;
  to: TaskStatus;
  /** The caller's name as audits name it (`admin`, a user's name), or `platform`. */
  actor: string;
  at: string;
  detail: Record<string, unknown> | null;
}

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
