import type {
  FailureReport,
  TaskPatchRequest,
  TaskResponse,
  TaskStatus,
} from '@hourglass/contracts-api';

/**
 * Where an order may go from each status, as the API's work-order lifecycle allows it. Only for
 * choosing which buttons to show: the API decides, and a 409 names what it allows.
 */
const NEXT: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  OPEN: ['ACKNOWLEDGED', 'SCHEDULED', 'IN_PROGRESS', 'CANCELLED'],
  ACKNOWLEDGED: ['SCHEDULED', 'WAITING_PARTS', 'IN_PROGRESS', 'CANCELLED'],
  SCHEDULED: ['SCHEDULED', 'WAITING_PARTS', 'IN_PROGRESS', 'CANCELLED'],
  WAITING_PARTS: ['SCHEDULED', 'IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['WAITING_PARTS', 'DONE'],
  DONE: [],
  CANCELLED: [],
};

/** The statuses `task` may move to next; no cancelling once work has started. */
export function nextStatuses(task: Pick<TaskResponse, 'status' | 'startedAt'>): TaskStatus[] {
  return NEXT[task.status].filter((to) => !(to === 'CANCELLED' && task.startedAt !== null));
}

/** What the schedule form holds. */
export interface ScheduleForm {
  /** `YYYY-MM-DD` from a date input. */
  plannedFor: string;
  assignee: string;
}

/** One parts row of the report form, as typed. */
export interface PartRow {
  partNumber: string;
  quantity: string;
  unitCost: string;
}

/** What the completion form holds, as typed. */
export interface ReportForm {
  outcome: FailureReport['outcome'] | '';
  failureCode: string;
  parts: PartRow[];
  labourHours: string;
}

/** The PATCH body of a move to `to`; schedule and report forms only where the API needs them. */
export function transitionPatch(
  to: TaskStatus,
  schedule?: ScheduleForm,
  report?: ReportForm,
): TaskPatchRequest {
  const patch: TaskPatchRequest = { status: to };
  if (to === 'SCHEDULED' && schedule) {
    if (schedule.plannedFor)
      patch.plannedFor = new Date(`${schedule.plannedFor}T00:00:00Z`).toISOString();
    if (schedule.assignee.trim()) patch.assignee = schedule.assignee.trim();
  }
  if (to === 'DONE' && report) patch.report = reportBody(report);
  return patch;
}

/** The failure report as the API takes it; blank fields are left out so the API's 400 names them. */
function reportBody(form: ReportForm): Partial<FailureReport> {
  const body: Partial<FailureReport> = {
    parts: form.parts
      .filter((p) => p.partNumber.trim())
      .map((p) => ({
        partNumber: p.partNumber.trim(),
        quantity: Number(p.quantity),
        ...(p.unitCost.trim() ? { unitCost: p.unitCost.trim() } : {}),
      })),
  };
  if (form.outcome) body.outcome = form.outcome;
  if (form.failureCode) body.failureCode = form.failureCode;
  if (form.labourHours.trim()) body.labourHours = Number(form.labourHours);
  return body;
}
