import { doneIn } from './order-kpis';
import { HOUR_MS, type KpiOrder, type KpiPeriod } from './kpi.types';

/** Hours of a (Julian) year. */
export const YEAR_HOURS = 8766;

/** A component by confirmed failures in the period. */
export interface FailingComponent {
  assetType: string;
  component: string;
  failures: number;
  /** Parts cost of the replacements (quantity x unit cost of the reports). */
  replacementCost: number;
}

/** Service cost of an asset type per operating year. */
export interface LifecycleCost {
  assetType: string;
  serviceCost: number;
  operatingHours: number;
  /** Service cost / operating years; null without operating time. */
  costPerOperatingYear: number | null;
}

const key = (o: { assetType: string; component: string }) => `${o.assetType}\u0000${o.component}`;

/** Components with confirmed defects (done, DEFECT_CONFIRMED_REPLACED) in the period, unranked. */
export function failingComponents(
  orders: readonly KpiOrder[],
  period: KpiPeriod,
): FailingComponent[] {
  const byKey = new Map<string, FailingComponent>();
  for (const o of doneIn(orders, period)) {
    if (o.failureOutcome !== 'DEFECT_CONFIRMED_REPLACED') continue;
    const row = byKey.get(key(o)) ?? {
      assetType: o.assetType,
      component: o.component,
      failures: 0,
      replacementCost: 0,
    };
    row.failures++;
    row.replacementCost = Math.round((row.replacementCost + o.partsCost) * 100) / 100;
    byKey.set(key(o), row);
  }
  return [...byKey.values()];
}

/** The `limit` components with the most failures (then the highest replacement cost, then by name). */
export function rankFailingComponents(
  rows: readonly FailingComponent[],
  limit = 10,
): FailingComponent[] {
  return [...rows]
    .sort(
      (a, b) =>
        b.failures - a.failures ||
        b.replacementCost - a.replacementCost ||
        key(a).localeCompare(key(b)),
    )
    .slice(0, limit);
}

/** Components with confirmed defects (done, DEFECT_CONFIRMED_REPLACED) in the period, most first. */
export function topFailingComponents(
  orders: readonly KpiOrder[],
  period: KpiPeriod,
  limit = 10,
): FailingComponent[] {
  return rankFailingComponents(failingComponents(orders, period), limit);
}

/** The cost (parts and labour) of the orders done in the period per asset type, unrounded. */
export function serviceCostByType(
  orders: readonly KpiOrder[],
  period: KpiPeriod,
): Map<string, number> {
  const cost = new Map<string, number>();
  for (const o of doneIn(orders, period))
    cost.set(o.assetType, (cost.get(o.assetType) ?? 0) + o.cost);
  return cost;
}

/**
 * Lifecycle service cost per asset type: the cost (parts and labour) of orders done in the period
 * divided by the operating years (RUN + STANDBY) of that type's assets in the period.
 */
export function lifecycleCosts(
  orders: readonly KpiOrder[],
  period: KpiPeriod,
  operatingMsByType: ReadonlyMap<string, number>,
): LifecycleCost[] {
  return lifecycleCostsOf(serviceCostByType(orders, period), operatingMsByType);
}

/** {@link lifecycleCosts} from the service cost per asset type (see {@link serviceCostByType}). */
export function lifecycleCostsOf(
  cost: ReadonlyMap<string, number>,
  operatingMsByType: ReadonlyMap<string, number>,
): LifecycleCost[] {
  const types = new Set([...cost.keys(), ...operatingMsByType.keys()]);
  return [...types].sort().map((assetType) => {
    const serviceCost = Math.round((cost.get(assetType) ?? 0) * 100) / 100;
    const operatingHours = (operatingMsByType.get(assetType) ?? 0) / HOUR_MS;
    const costPerOperatingYear =
      operatingHours > 0
        ? Math.round((serviceCost / (operatingHours / YEAR_HOURS)) * 100) / 100
        : null;
    return { assetType, serviceCost, operatingHours, costPerOperatingYear };
  });
}
