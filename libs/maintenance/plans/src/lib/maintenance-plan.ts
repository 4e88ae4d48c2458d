export type PlanPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** Reminders before the due date when a plan names none (days; 0 = on the due date). */
export const DEFAULT_REMINDER_DAYS: readonly number[] = Object.freeze([30, 15, 7, 0]);

/** Which assets a plan covers: every asset of a type in its tenant, or one asset. */
export type PlanTarget =
  { assetType: string; assetId?: undefined } | { assetId: string; assetType?: undefined };

/**
 * A maintenance plan: every `intervalHours` operating hours or `intervalDays` calendar days,
 * whichever comes first (at least one is set), counted from `startsAt` and then from the completion
 * of each order it raised. The order is raised `leadDays` before the due date; reminders go out
 * `reminderDays` before it, on local days of `timeZone`.
 */
export interface MaintenancePlan {
  id: string;
  tenantId: string;
  name: string;
  target: PlanTarget;
  component: string;
  intervalDays: number | null;
  intervalHours: number | null;
  leadDays: number;
  /** Days before the due date, distinct, largest first. */
  reminderDays: number[];
  /** IANA time zone whose local days the due date, reminders and lead time count in. */
  timeZone: string;
  priority: PlanPriority;
  /** Where the first interval of every asset counts from (ISO 8601). */
  startsAt: string;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What a plan is created from. */
export type NewMaintenancePlan = Omit<
  MaintenancePlan,
  'id' | 'createdBy' | 'createdAt' | 'updatedAt'
>;

/** A change of a plan (its tenant and target stay). */
export type MaintenancePlanPatch = Partial<Omit<NewMaintenancePlan, 'tenantId' | 'target'>>;
