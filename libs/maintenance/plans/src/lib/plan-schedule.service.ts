import type { Scope } from '@hourglass/platform-tenancy';
import type { MaintenancePlanRepository } from './maintenance-plan.repository';
import { localDate } from './plan-calendar';
import type { PlanCycleRepository } from './plan-cycle.repository';
import { orderDate, reminderSlots } from './plan-schedule';

/** A reminder of an asset's current interval: sent, skipped (a later one was due at once, or it predates the interval) or pending. */
export interface ScheduledReminder {
  daysBefore: number;
  date: string;
  status: 'SENT' | 'SKIPPED' | 'PENDING';
  recordedAt: string | null;
}

/** Where an asset stands in a plan, as of the last scheduling round. */
export interface AssetSchedule {
  assetId: string;
  cycle: number;
  anchorAt: string;
  /** Local due date in the plan's zone (null: no limit gives one yet, e.g. no usage on an hours-only plan). */
  dueDate: string | null;
  dueBasis: 'DAYS' | 'HOURS' | null;
  /** The day the order is raised (the lead time before the due date). */
  orderDate: string | null;
  hoursSinceAnchor: number | null;
  hoursPerDay: number | null;
  projectedAt: string | null;
  orderId: string | null;
  orderRaisedAt: string | null;
  reminders: ScheduledReminder[];
}

/** `GET /api/maintenance-plans/{id}/schedule`: each asset's current interval, from the rounds' records. */
export class PlanScheduleService {
  constructor(
    private readonly plans: MaintenancePlanRepository,
    private readonly cycles: PlanCycleRepository,
  ) {}

  /** Null when the plan is not in scope. */
  async schedule(
    scope: Scope,
    planId: string,
  ): Promise<{ planId: string; timeZone: string; assets: AssetSchedule[] } | null> {
    const plan = await this.plans.get(scope, planId);
    if (!plan) return null;
    const current = [...(await this.cycles.current(plan.id)).values()];
    const recorded = await this.cycles.reminders(plan.id, current);
    const assets = current.map((c): AssetSchedule => {
      const due = c.projection?.dueDate ?? null;
      const done = new Map(
        (recorded.get(`${c.assetId}/${c.cycle}`) ?? []).map((r) => [r.daysBefore, r]),
      );
      const anchorDate = localDate(plan.timeZone, Date.parse(c.anchorAt));
      const reminders =
        due === null
          ? []
          : reminderSlots(plan, due).map((slot): ScheduledReminder => {
              const r = done.get(slot.daysBefore);
              const status = r
                ? r.skipped
                  ? 'SKIPPED'
                  : 'SENT'
                : slot.date < anchorDate
                  ? 'SKIPPED'
                  : 'PENDING';
              return {
                daysBefore: slot.daysBefore,
                date: r?.reminderDate ?? slot.date,
                status,
                recordedAt: r?.recordedAt ?? null,
              };
            });
      return {
        assetId: c.assetId,
        cycle: c.cycle,
        anchorAt: c.anchorAt,
        dueDate: due,
        dueBasis: c.projection?.basis ?? null,
        orderDate: due === null ? null : orderDate(plan, due),
        hoursSinceAnchor: c.projection?.hoursSinceAnchor ?? null,
        hoursPerDay: c.projection?.hoursPerDay ?? null,
        projectedAt: c.projection?.projectedAt ?? null,
        orderId: c.orderId,
        orderRaisedAt: c.orderRaisedAt,
        reminders,
      };
    });
    return { planId: plan.id, timeZone: plan.timeZone, assets };
  }
}
