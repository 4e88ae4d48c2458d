// Reference: the model's bare batched inference on feature vectors prepared beforehand, in the
// same process, on the same TF.js backend, with the same number of assets as the scoring rounds.
import { buildFeatures, type HistoryRow } from '@hourglass/risk-features';
import type { RiskModel } from '@hourglass/risk-model';

export interface BarePredictResult {
  assets: number;
  bestSeconds: number;
  medianSeconds: number;
  /** From the median repetition (the same statistic as the scoring rounds). */
  assetsPerSec: number;
  repetitions: number;
}

/** The prepared feature batch of `histories` (row-major), built before any clock starts. */
export function preparedBatch(model: RiskModel, histories: readonly HistoryRow[][]): Float32Array {
  const width = model.featureCount;
  const features = new Float32Array(histories.length * width);
  histories.forEach((h, i) => features.set(buildFeatures(h, model.spec), i * width));
  return features;
}

/** Times `model.predictFeatures` on the whole batch: one warm-up, then `repetitions` timed calls. */
export function barePredict(
  model: RiskModel,
  features: Float32Array,
  n: number,
  repetitions: number,
): BarePredictResult {
  model.predictFeatures(features, n);
  const times: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const t0 = performance.now();
    const out = model.predictFeatures(features, n);
    times.push((performance.now() - t0) / 1000);
    if (out.length !== n) throw new Error(`predictFeatures returned ${out.length} of ${n}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    assets: n,
    bestSeconds: sorted[0],
    medianSeconds: sorted[Math.floor(sorted.length / 2)],
    assetsPerSec: n / sorted[Math.floor(sorted.length / 2)],
    repetitions,
  };
}

/** Summary of single timed calls taken at different moments (beside each scoring round). */
export function summariseBare(n: number, seconds: readonly number[]): BarePredictResult {
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    assets: n,
    bestSeconds: sorted[0],
    medianSeconds: median,
    assetsPerSec: n / median,
    repetitions: sorted.length,
  };
}
