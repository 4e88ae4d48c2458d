/** The components of the customer health score (spec section 3). */
export type HealthComponentName =
  'availability' | 'risk' | 'usage' | 'orders' | 'nps' | 'silentDevices';

/** Weight of each component; a component without inputs drops out and the others share its weight. */
export type HealthWeights = Record<HealthComponentName, number>;

/**
 * Default weights (sum 100): what the customer experiences first (availability against its target,
 * usage), then the leading signals (risk, silence, their voice), then the order backlog.
 */
export const DEFAULT_HEALTH_WEIGHTS: Readonly<HealthWeights> = Object.freeze({
  availability: 25,
  usage: 20,
  risk: 15,
  silentDevices: 15,
  nps: 15,
  orders: 10,
});

/** healthy >= 70, watch 40-69, at risk < 40 (spec section 3). */
export type HealthBand = 'HEALTHY' | 'WATCH' | 'AT_RISK';

/** One asset of the subject (a customer's fleet or a contract's covered assets). */
export interface HealthAsset {
  assetId: string;
  /** ISO 8601 of the last message, null when never heard from. */
  lastSeen: string | null;
  /** Latest failure probability at or above its type's warning threshold. */
  elevatedRisk: boolean;
  /** Operating (RUN) hours in the last 90 days and the 90 before. */
  hoursRecent: number;
  hoursPrevious: number;
}

/** A billed period of a contract: its availability (null when no time was required) and target, in %. */
export interface HealthPeriod {
  contractId: string;
  period: string;
  availabilityPct: number | null;
  targetPct: number;
}

/** An open work order of the subject's assets. */
export interface HealthOrder {
  taskId: string;
  assetId: string;
  /** ISO 8601 the order is due (`replaceBy`). */
  dueBy: string;
}

/** An NPS answer of the subject. */
export interface HealthAnswer {
  taskId: string;
  score: number;
  answeredAt: string;
}

/** Everything the score of one subject is computed from, as of `asOf` (ISO 8601). */
export interface HealthInputs {
  asOf: string;
  assets: readonly HealthAsset[];
  /** Billed periods of the subject's contracts (the last 3 of each). */
  periods: readonly HealthPeriod[];
  openOrders: readonly HealthOrder[];
  answers: readonly HealthAnswer[];
}

/** One component: its 0-100 score (null without inputs), weight, and the inputs it came from. */
export interface HealthComponent {
  name: HealthComponentName;
  score: number | null;
  weight: number;
  inputs: Record<string, unknown>;
}

/** A health score with every component shown. */
export interface HealthScore {
  /** 0-100 rounded to 0.1; null when no component has inputs. */
  score: number | null;
  band: HealthBand | null;
  components: HealthComponent[];
}
