import type { MaintenancePlanResponse, ServiceOrderPriority } from '@hourglass/contracts-api';
import { placeFieldErrors, type FieldErrors } from '../api/field-errors';

/** What the maintenance-plan form holds: text as typed. */
export interface PlanForm {
  tenantId: string;
  /** The plan covers every asset of a type, or one asset. */
  targetKind: 'assetType' | 'assetId';
  target: string;
  name: string;
  component: string;
  /** Blank: no such interval. */
  intervalDays: string;
  intervalHours: string;
  leadDays: string;
  /** Comma-separated days before the due date. */
  reminderDays: string;
  timeZone: string;
  priority: ServiceOrderPriority;
  enabled: boolean;
}

export type PlanField = keyof PlanForm;

/** An empty form for a new plan (the API's defaults shown). */
export const EMPTY_PLAN_FORM: PlanForm = {
  tenantId: '',
  targetKind: 'assetType',
  target: '',
  name: '',
  component: '',
  intervalDays: '',
  intervalHours: '',
  leadDays: '0',
  reminderDays: '30, 15, 7, 0',
  timeZone: 'UTC',
  priority: 'MEDIUM',
  enabled: true,
};

/** A stored plan in the form, for editing. */
export function planToForm(plan: MaintenancePlanResponse): PlanForm {
  const byType = 'assetType' in plan.target;
  return {
    tenantId: plan.tenantId,
    targetKind: byType ? 'assetType' : 'assetId',
    target: 'assetType' in plan.target ? plan.target.assetType : plan.target.assetId,
    name: plan.name,
    component: plan.component,
    intervalDays: plan.intervalDays === null ? '' : String(plan.intervalDays),
    intervalHours: plan.intervalHours === null ? '' : String(plan.intervalHours),
    leadDays: String(plan.leadDays),
    reminderDays: plan.reminderDays.join(', '),
    timeZone: plan.timeZone,
    priority: plan.priority,
    enabled: plan.enabled,
  };
}

/** A number as typed: the number, or the text for the API to refuse on its field. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : trimmed;
}

/** An optional interval: blank is none (null). */
const interval = (text: string) => (text.trim() === '' ? null : numberOrText(text));

/** The fields both create and edit send (`PATCH` takes no tenant and no target). */
function planFields(form: PlanForm) {
  return {
    name: form.name.trim(),
    component: form.component.trim(),
    intervalDays: interval(form.intervalDays),
    intervalHours: interval(form.intervalHours),
    leadDays: numberOrText(form.leadDays),
    reminderDays: form.reminderDays
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean)
      .map(numberOrText),
    timeZone: form.timeZone.trim(),
    priority: form.priority,
    enabled: form.enabled,
  };
}

/** The `POST /api/maintenance-plans` body of the form. */
export function planCreateRequest(form: PlanForm) {
  return {
    tenantId: form.tenantId.trim(),
    [form.targetKind]: form.target.trim(),
    ...planFields(form),
  };
}

/** The `PATCH /api/maintenance-plans/{id}` body of the form. */
export function planPatchRequest(form: PlanForm) {
  return planFields(form);
}

const FIELD_OF_PATH: Record<string, PlanField> = {
  tenantId: 'tenantId',
  assetType: 'target',
  assetId: 'target',
  name: 'name',
  component: 'component',
  intervalDays: 'intervalDays',
  intervalHours: 'intervalHours',
  leadDays: 'leadDays',
  reminderDays: 'reminderDays',
  timeZone: 'timeZone',
  priority: 'priority',
  enabled: 'enabled',
};
for (let i = 0; i < 20; i++) FIELD_OF_PATH[`reminderDays.${i}`] = 'reminderDays';

/** Places a 400's message on the plan form's fields (see {@link placeFieldErrors}). */
export function placePlanErrors(message: string): FieldErrors<PlanField> {
  return placeFieldErrors(message, FIELD_OF_PATH);
}
