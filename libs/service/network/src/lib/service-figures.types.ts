import type { Assignment, OrderAccount, PartsSource, Visit } from './service-network.types';

/** A half-open period [from, to) in epoch ms. */
export interface FigurePeriod {
  from: number;
  to: number;
}

/** An order of the scope's log, as far as repeats go: any order, assigned or not. */
export interface LoggedOrder {
  id: string;
  assetId: string;
  component: string;
  createdAt: number;
}

/** An asset with its type and when it was commissioned (epoch ms). */
export interface CommissionedAsset {
  assetId: string;
  assetType: string;
  commissionedAt: number;
}

/** Everything the figures are computed from: stored rows, nothing else. */
export interface FigureInput {
  period: FigurePeriod;
  /** Every assignment of the orders (history included). */
  assignments: readonly Assignment[];
  visits: readonly Visit[];
  accounts: readonly OrderAccount[];
  /** Orders created from the period start - 30 days to its end + 30 days (repeat candidates). */
  orders: readonly LoggedOrder[];
  assets: readonly CommissionedAsset[];
}

/** The figures of one group (everything, a partner, a region, an asset type), each with its inputs. */
export interface GroupFigures {
  firstTimeFix: { rate: number | null; fixedFirstTime: number; attempted: number };
  responseTime: { meanHours: number | null; orders: number };
  revenuePerEngineer: { value: string | null; revenue: string; activeTechnicians: number };
  inputOutput: { ratio: number | null; revenue: string; cost: string };
}

/**
 * First-time fix of the orders whose first visit brought parts from one source, with how many of
 * them that visit fixed before the 30-day repeat rule is applied (`firstVisitFixed`).
 */
export interface FirstTimeFixOfSource {
  rate: number | null;
  fixedFirstTime: number;
  attempted: number;
  firstVisitFixed: number;
}

/** Lifecycle service cost of one asset type up to the period end. */
export interface LifecycleCost {
  assetType: string;
  cost: string;
  operatingYears: number;
  costPerOperatingYear: string | null;
}

/** The service-network figures of a scope and period. */
export interface ServiceFigures {
  period: { from: string; to: string };
  overall: GroupFigures;
  /** By partner id; `own-team` for the provider's own team. */
  byPartner: Record<string, GroupFigures>;
  byRegion: Record<string, GroupFigures>;
  byAssetType: Record<string, GroupFigures>;
  responseTimeByPriority: Record<string, GroupFigures['responseTime']>;
  lifecycleCost: LifecycleCost[];
  /**
   * First-time fix split by where the first visit's parts came from (the order's suggestion or a
   * default kit); orders whose first visit did not say are in neither.
   */
  firstTimeFixByPartsSource: Record<PartsSource, FirstTimeFixOfSource>;
}

/** The group name of the provider's own team. */
export const OWN_TEAM = 'own-team';
