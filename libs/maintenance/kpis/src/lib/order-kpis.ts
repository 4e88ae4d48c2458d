import { DAY_MS, HOUR_MS, type KpiOrder, type KpiPeriod } from './kpi.types';

/** A repeat order within this time after completion means the first visit did not fix it. */
export const REPEAT_WINDOW_MS = 30 * DAY_MS;
/** SMRP PM compliance grace: 20 % of the interval, at most 28 days. */
export const PM_GRACE_FRACTION = 0.2;
export const PM_GRACE_CAP_MS = 28 * DAY_MS;

const within = (t: number | null, p: KpiPeriod): t is number =>
  t !== null && t >= p.from && t < p.to;
const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);
const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;

/** Orders completed (DONE) in the period. */
export const doneIn = (orders: readonly KpiOrder[], period: KpiPeriod): KpiOrder[] =>
  orders.filter((o) => o.status === 'DONE' && within(o.completedAt, period));

/** Time spent IN_PROGRESS (summed over its spells: waiting for parts is not repair time), ms. */
export function activeRepairMs(order: KpiOrder): number | null {
  let total = 0;
  let since: number | null = null;
  let seen = false;
  for (const t of order.transitions) {
    if (since !== null) total += t.at - since;
    since = t.to === 'IN_PROGRESS' ? t.at : null;
    seen ||= t.to === 'IN_PROGRESS';
  }
  return seen ? total : null;
}

/** MTTR: mean active repair time (IN_PROGRESS -> DONE) of the orders done in the period, hours. */
export function mttrHours(orders: readonly KpiOrder[], period: KpiPeriod): number | null {
  const times = doneIn(orders, period)
    .map(activeRepairMs)
    .filter((ms): ms is number => ms !== null);
  return mean(times.map((ms) => ms / HOUR_MS));
}

/**
 * First-time fix rate: orders done in the period with no other order on the same asset and component
 * raised within 30 days after their completion / orders done in the period. `orders` must include
 * those raised up to 30 days after the period (a later repeat is judged on what is known).
 */
export function firstTimeFixRate(orders: readonly KpiOrder[], period: KpiPeriod): number | null {
  const done = doneIn(orders, period);
  // Raise times per asset and component, sorted: each done order is then one binary search (not a
  // scan of every order: 300,000 orders a year made that quadratic).
  const raised = new Map<string, KpiOrder[]>();
  for (const r of orders) {
    const key = `${r.assetId}\u0000${r.component}`;
    const list = raised.get(key);
    if (list) list.push(r);
    else raised.set(key, [r]);
  }
  for (const list of raised.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  const fixed = done.filter((o) => {
    const list = raised.get(`${o.assetId}\u0000${o.component}`) ?? [];
    const since = o.completedAt as number;
    for (let i = firstAtOrAfter(list, since); i < list.length; i++) {
      if (list[i].createdAt >= since + REPEAT_WINDOW_MS) break;
      if (list[i].id !== o.id) return false;
    }
    return true;
  });
  return ratio(fixed.length, done.length);
}

/** Index of the first order in `sorted` (by `createdAt`) raised at or after `t`. */
function firstAtOrAfter(sorted: readonly KpiOrder[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].createdAt < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Predictive hit rate: model orders done in the period whose report confirmed the defect / model
 * orders done in the period with a report (orders the platform closed without one are nobody's verdict).
 */
export function predictiveHitRate(orders: readonly KpiOrder[], period: KpiPeriod): number | null {
  const reported = doneIn(orders, period).filter(
    (o) => o.source === 'MODEL' && o.failureOutcome !== null,
  );
  return ratio(
    reported.filter((o) => o.failureOutcome === 'DEFECT_CONFIRMED_REPLACED').length,
    reported.length,
  );
}

/** The SMRP grace of a plan's order (ms after its due time), from the plan's interval in days. */
export function pmGraceMs(planIntervalDays: number | null): number {
  return planIntervalDays === null
    ? 0
    : Math.min(planIntervalDays * DAY_MS * PM_GRACE_FRACTION, PM_GRACE_CAP_MS);
}

/** The latest completion that still counts as on time for a plan's order (SMRP grace). */
export function pmDeadline(order: KpiOrder): number {
  return (order.dueBy as number) + pmGraceMs(order.planIntervalDays);
}

/** PM compliance: plan orders due in the period and done on time / plan orders due in the period. */
export function pmCompliance(orders: readonly KpiOrder[], period: KpiPeriod): number | null {
  const due = orders.filter((o) => o.source === 'PLAN' && within(o.dueBy, period));
  const onTime = due.filter(
    (o) => o.status === 'DONE' && o.completedAt !== null && o.completedAt <= pmDeadline(o),
  );
  return ratio(onTime.length, due.length);
}

export { mean, ratio };
