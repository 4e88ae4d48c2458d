/** Quality of the decision "fails within the horizon" taken as `probability >= threshold`. */
export interface ThresholdClassification {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Of the rows flagged, the fraction that did fail within the horizon (1 when none flagged). */
  precision: number;
  /** Of the rows that failed within the horizon, the fraction flagged. */
  recall: number;
  f1: number;
}

/** The thresholds reports use unless told otherwise: 0.05, 0.10, ..., 0.95. */
export const DEFAULT_THRESHOLDS: readonly number[] = Array.from(
  { length: 19 },
  (_, i) => Math.round((i + 1) * 5) / 100,
);

/** Precision and recall of `probability >= threshold` against `events` (1 = failed within H). */
export function precisionRecallByThreshold(
  probabilities: ArrayLike<number>,
  events: ArrayLike<number>,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): ThresholdClassification[] {
  if (probabilities.length !== events.length) throw new RangeError('lengths differ');
  return thresholds.map((threshold) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < probabilities.length; i++) {
      const flagged = probabilities[i] >= threshold;
      if (flagged && events[i]) tp++;
      else if (flagged) fp++;
      else if (events[i]) fn++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      threshold,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision,
      recall,
      f1,
    };
  });
}
