import type { MaintenancePlan } from './maintenance-plan';
import { addDays, daysToMs, earlierDate, localDate, startOfLocalDay } from './plan-calendar';

/** Where an asset's current interval stands in operating hours. */
export interface UsageFigures {
  /** Operating hours since the interval's anchor. */
  hoursSinceAnchor: number;
  /** Operating hours per day over the recent window (the projection's rate). */
  hoursPerDay: number;
}

/** When an asset's interval falls due, and which limit decides it. */
export interface DueProjection {
  /** Local date in the plan's zone. */
  dueDate: string;
  basis: 'DAYS' | 'HOURS';
}

type Interval = Pick<MaintenancePlan, 'intervalDays' | 'intervalHours' | 'timeZone'>;

/**
 * The due date of an interval anchored at `anchorMs`: `intervalDays` local days after the anchor's
 * local date, or the day the remaining operating hours run out at the recent rate, whichever comes
 * first (SAP's OR link, Maximo's "whichever first"). An hours limit already reached is due today;
 * one without usage never falls due on hours. Null when no limit gives a date.
 */
export function projectDue(
  plan: Interval,
  anchorMs: number,
  nowMs: number,
  usage: UsageFigures | null,
): DueProjection | null {
  const byDays =
    plan.intervalDays === null
      ? null
      : addDays(localDate(plan.timeZone, anchorMs), plan.intervalDays);
  let byHours: string | null = null;
  if (plan.intervalHours !== null && usage) {
    const remaining = plan.intervalHours - usage.hoursSinceAnchor;
    if (remaining <= 0) byHours = localDate(plan.timeZone, nowMs);
    else if (usage.hoursPerDay > 0)
      byHours = localDate(plan.timeZone, nowMs + daysToMs(remaining / usage.hoursPerDay));
  }
  const due = earlierDate(byDays, byHours);
  if (due === null) return null;
  return { dueDate: due, basis: due === byDays ? 'DAYS' : 'HOURS' };
}

/** One reminder of an interval: `daysBefore` the due date, on local day `date`, from `startsAtMs` on. */
export interface ReminderSlot {
  daysBefore: number;
  date: string;
  startsAtMs: number;
}

/** The reminders of a due date, largest lead first. */
export function reminderSlots(
  plan: Pick<MaintenancePlan, 'reminderDays' | 'timeZone'>,
  dueDate: string,
): ReminderSlot[] {
  return [...new Set(plan.reminderDays)]
    .sort((a, b) => b - a)
    .map((daysBefore) => {
      const date = addDays(dueDate, -daysBefore);
      return { daysBefore, date, startsAtMs: startOfLocalDay(plan.timeZone, date) };
    });
}

/** What to do with the reminders of an interval now. */
export interface ReminderDecision {
  /** The reminder to send now, if any. */
  send: ReminderSlot | null;
  /** Reminders whose day passed unsent while a later one is due now: recorded, never sent. */
  skip: ReminderSlot[];
}

/**
 * Which reminder goes out at `nowMs`: a reminder is due from the first instant of its local day.
 * Reminders dated before the interval began (`anchorDate`) are not sent; of several due at once
 * (the process was down, or usage moved the due date earlier) only the nearest to the due date is
 * sent and the others are skipped, so an operator never gets a burst of stale reminders.
 */
export function decideReminders(
  slots: readonly ReminderSlot[],
  nowMs: number,
  anchorDate: string,
  recorded: ReadonlySet<number>,
): ReminderDecision {
  const due = slots.filter(
    (s) => s.date >= anchorDate && s.startsAtMs <= nowMs && !recorded.has(s.daysBefore),
  );
  if (due.length === 0) return { send: null, skip: [] };
  const nearest = due.reduce((a, b) => (b.daysBefore < a.daysBefore ? b : a));
  return { send: nearest, skip: due.filter((s) => s !== nearest) };
}

/** The local day the plan's order is raised: `leadDays` before the due date. */
export function orderDate(plan: Pick<MaintenancePlan, 'leadDays'>, dueDate: string): string {
  return addDays(dueDate, -plan.leadDays);
}

/** Whether the order of an interval due on `dueDate` is to be raised at `nowMs`. */
export function isOrderDue(
  plan: Pick<MaintenancePlan, 'leadDays' | 'timeZone'>,
  dueDate: string,
  nowMs: number,
): boolean {
  return startOfLocalDay(plan.timeZone, orderDate(plan, dueDate)) <= nowMs;
}
