import { failingComponents, serviceCostByType, type FailingComponent } from './cost-kpis';
import { firstTimeFixRate, mttrHours, pmCompliance, predictiveHitRate } from './order-kpis';
import type { KpiOrder, KpiPeriod } from './kpi.types';

/**
 * What the KPI report takes from a period's order log: the order-based KPIs and the groups the
 * report ranks and divides. Computed from the orders ({@link orderFigures}) or, with the same
 * definitions, aggregated where the orders are stored (a {@link KpiOrderFigureSource}).
 */
export interface OrderFigures {
  mttrHours: number | null;
  firstTimeFixRate: number | null;
  predictiveHitRate: number | null;
  pmCompliance: number | null;
  /** Every component with confirmed defects in the period, unranked. */
  failingComponents: FailingComponent[];
  /** Cost of the orders done in the period per asset type, unrounded. */
  serviceCostByType: ReadonlyMap<string, number>;
}

/** The order figures of a period from its order log (see `KpiInput.orders`). */
export function orderFigures(orders: readonly KpiOrder[], period: KpiPeriod): OrderFigures {
  return {
    mttrHours: mttrHours(orders, period),
    firstTimeFixRate: firstTimeFixRate(orders, period),
    predictiveHitRate: predictiveHitRate(orders, period),
    pmCompliance: pmCompliance(orders, period),
    failingComponents: failingComponents(orders, period),
    serviceCostByType: serviceCostByType(orders, period),
  };
}
