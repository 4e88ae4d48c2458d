import {
  lifecycleCostsOf,
  rankFailingComponents,
  type FailingComponent,
  type LifecycleCost,
} from './cost-kpis';
import { orderFigures, type OrderFigures } from './order-figures';
import { mean, ratio } from './order-kpis';
import type { FleetStateFigures } from './state-figure.fold';
import { stateFigures } from './state-kpis';
import type { KpiOrder, KpiPeriod, StateSpan } from './kpi.types';

/** What the KPI report is computed from. */
export interface KpiInput {
  period: KpiPeriod;
  spans: readonly StateSpan[];
  /** Orders of the scope raised before the period end + 30 days (repeats for the first-time fix rate). */
  orders: readonly KpiOrder[];
  /** Asset id -> asset type, for the operating time per type. */
  assetTypes: ReadonlyMap<string, string>;
}

/** The KPIs of issue 14 (null where a figure cannot be computed, e.g. no failures for MTBF). */
export interface KpiReport {
  mtbfHours: number | null;
  mttrHours: number | null;
  meanDowntimeHours: number | null;
  availability: number | null;
  firstTimeFixRate: number | null;
  predictiveHitRate: number | null;
  pmCompliance: number | null;
  /** Operating time (RUN + STANDBY): with no failures MTBF is "> uptimeHours". */
  uptimeHours: number;
  failures: number;
  topFailingComponents: FailingComponent[];
  lifecycleCosts: LifecycleCost[];
}

/** What the KPI report is computed from when the order figures are aggregated already. */
export interface KpiFigureInput {
  period: KpiPeriod;
  spans: readonly StateSpan[];
  orders: OrderFigures;
  assetTypes: ReadonlyMap<string, string>;
}

function operatingByType(input: KpiInput | KpiFigureInput): Map<string, number> {
  const result = new Map<string, number>();
  for (const s of input.spans) {
    if (s.state !== 'RUN' && s.state !== 'STANDBY') continue;
    const type = input.assetTypes.get(s.assetId);
    const length = Math.min(s.end, input.period.to) - Math.max(s.start, input.period.from);
    if (type !== undefined && length > 0) result.set(type, (result.get(type) ?? 0) + length);
  }
  return result;
}

/** Computes every KPI of the report from state intervals and orders (pure). */
export function computeKpis(input: KpiInput): KpiReport {
  return computeKpisFromFigures({ ...input, orders: orderFigures(input.orders, input.period) });
}

/** {@link computeKpis} from the period's order figures (see {@link OrderFigures}). */
export function computeKpisFromFigures(input: KpiFigureInput): KpiReport {
  return computeKpisFromStateFigures({
    orders: input.orders,
    state: stateFigures(input.spans, input.period),
    operatingByType: operatingByType(input),
  });
}

/** {@link computeKpisFromFigures} from the state figures folded already (`StateFigureFold`). */
export function computeKpisFromStateFigures(
  input: FleetStateFigures & { orders: OrderFigures },
): KpiReport {
  const { state, orders } = input;
  return {
    mtbfHours: state.failures === 0 ? null : state.uptimeHours / state.failures,
    mttrHours: orders.mttrHours,
    meanDowntimeHours: mean(state.downtimesHours),
    availability: ratio(state.uptimeHours, state.requiredHours),
    firstTimeFixRate: orders.firstTimeFixRate,
    predictiveHitRate: orders.predictiveHitRate,
    pmCompliance: orders.pmCompliance,
    uptimeHours: state.uptimeHours,
    failures: state.failures,
    topFailingComponents: rankFailingComponents(orders.failingComponents),
    lifecycleCosts: lifecycleCostsOf(orders.serviceCostByType, input.operatingByType),
  };
}
