import type { HistoryRow } from '@hourglass/risk-features';

/** What scoring needs of a model version. */
export interface ScorerModel {
  readonly version: string;
  /** The model's own horizon, in cycles. */
  readonly horizon: number;
  predict(
    histories: readonly (readonly HistoryRow[])[],
  ): Array<{ rul: number; probability: number }>;
  /** Probability of failure within `horizon` cycles for a predicted RUL. */
  probabilityWithin(rul: number, horizon?: number): number;
}
