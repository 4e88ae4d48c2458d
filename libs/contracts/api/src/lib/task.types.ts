/** Status of a preventive-replacement task. */
export type TaskStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
/** Every {@link TaskStatus}. */
export const TASK_STATUSES: readonly TaskStatus[] = Object.freeze([
  'OPEN',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
]);

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
  predictedRul: number;
  risk: number;
  modelVersion: string;
  replaceBy: string;
  createdAt: string;
  updatedAt: string;
  /** When the task became DONE; null while it is not DONE. */
  completedAt: string | null;
  outcome: string | null;
  /** Decimal string, 2 decimals (`0.00` until set). */
  cost: string;
}

/** `GET /api/tasks?status&assetId`. */
export interface TaskListQuery {
  status?: TaskStatus;
  assetId?: string;
}

/** `PATCH /api/tasks/{id}` body: at least one field. `cost` (provider users): decimal >= 0, 2 decimals. */
export interface TaskPatchRequest {
  status?: TaskStatus;
  outcome?: string | null;
  cost?: string | number;
}
