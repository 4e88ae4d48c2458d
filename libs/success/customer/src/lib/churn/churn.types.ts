/** The churn signals of spec section 5. */
export type ChurnSignalKind =
  | 'USAGE_DOWN'
  | 'DEVICES_SILENT'
  | 'AVAILABILITY_BELOW_TARGET'
  | 'NPS_DETRACTOR'
  | 'ORDERS_ELSEWHERE'
  | 'CONTRACT_ENDING';

/** How much each signal weighs in the churn risk. */
export type ChurnWeights = Record<ChurnSignalKind, number>;

/**
 * Default weights: a contract about to end unrenewed is the strongest sign, falling use, silence,
 * missed targets and repairs done elsewhere come next, one unhappy answer weighs least.
 */
export const DEFAULT_CHURN_WEIGHTS: Readonly<ChurnWeights> = Object.freeze({
  CONTRACT_ENDING: 3,
  USAGE_DOWN: 2,
  DEVICES_SILENT: 2,
  AVAILABILITY_BELOW_TARGET: 2,
  ORDERS_ELSEWHERE: 2,
  NPS_DETRACTOR: 1,
});

/** Risk from the summed weights of the signals present: HIGH >= 5, MEDIUM >= 3, LOW below. */
export type ChurnRisk = 'LOW' | 'MEDIUM' | 'HIGH';

/** A signal present, with its weight and the evidence behind it. */
export interface ChurnSignal {
  kind: ChurnSignalKind;
  weight: number;
  evidence: Record<string, unknown>;
}

/** A churn warning for the account manager: a customer (contractId null) or a contract, with its reasons. */
export interface ChurnWarning {
  tenantId: string;
  contractId: string | null;
  asOf: string;
  risk: ChurnRisk;
  /** Sum of the weights of `signals`. */
  points: number;
  signals: ChurnSignal[];
}
