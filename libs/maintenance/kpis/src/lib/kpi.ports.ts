import type { Scope } from '@hourglass/platform-tenancy';
import type { AssetFailureRisk, BomLine, PlannedReplacement } from './parts-forecast';
import type { KpiOrder, KpiPeriod, StateSpan } from './kpi.types';
import type { OrderFigures } from './order-figures';
import type { FleetStateFigures } from './state-figure.fold';

/** Work orders of a scope for a period (the tasks lib's order log; see `KpiInput.orders`). */
export interface KpiOrderSource {
  orders(scope: Scope, period: KpiPeriod, assetType?: string): Promise<KpiOrder[]>;
}

/**
 * The order figures of a scope for a period, aggregated where the orders are stored: the same
 * definitions as `orderFigures` over {@link KpiOrderSource.orders}, without reading every order.
 */
export interface KpiOrderFigureSource {
  figures(scope: Scope, period: KpiPeriod, assetType?: string): Promise<OrderFigures>;
}

/** State intervals of a scope's assets (billing's base timeline) and each asset's type. */
export interface StateSpanSource {
  spans(
    scope: Scope,
    period: KpiPeriod,
    assetType?: string,
  ): Promise<{ spans: StateSpan[]; assetTypes: Map<string, string> }>;
}

/**
 * The state figures of a scope's assets for a period (billing's base timeline folded asset by
 * asset): what `stateFigures` and the operating time per type give over {@link StateSpanSource.spans}.
 */
export interface StateFigureSource {
  figures(scope: Scope, period: KpiPeriod, assetType?: string): Promise<FleetStateFigures>;
}

/** Each asset's latest probability of failure within the model's horizon (risk scoring). */
export interface FailureRiskSource {
  risks(scope: Scope): Promise<AssetFailureRisk[]>;
}

/** Plan cycles falling due before `to` (epoch ms; `from` is now) and not done yet: overdue ones are still to be done. */
export interface PlannedReplacementSource {
  dueWithin(scope: Scope, from: number, to: number): Promise<PlannedReplacement[]>;
}

/** Bill-of-materials lines of the given asset types and components. */
export interface BomSource {
  lines(components: ReadonlyArray<{ assetType: string; component: string }>): Promise<BomLine[]>;
}
