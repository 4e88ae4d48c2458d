// Reference: the model's bare batched inference on feature vectors prepared beforehand, in the
// same process, on the same TF.js backend, over the same assets in the same batch size as the
// scoring rounds (one `predictFeatures` call per batch).
import { buildFeatures, type HistoryRow } from '@hourglass/risk-features';
import type { RiskModel } from '@hourglass/risk-model';

export interface BarePredictResult {
  assets: number;
  batchSize: number;
  bestSeconds: number;
  medianSeconds: number;
  /** From the median pass (the same statistic as the scoring rounds). */
  assetsPerSec: number;
  passes: number;
}

/** The prepared feature batch of `histories` (row-major), built before any clock starts. */
export function preparedBatch(model: RiskModel, histories: readonly HistoryRow[][]): Float32Array {
  const width = model.featureCount;
  const features = new Float32Array(histories.length * width);
  histories.forEach((h, i) => features.set(buildFeatures(h, model.spec), i * width));
  return features;
}

/** Seconds of one pass of `predictFeatures` over all `n` vectors, `batchSize` per call. */
export function barePredictPass(
  model: RiskModel,
  features: Float32Array,
  n: number,
  batchSize: number,
): number {
  const width = model.featureCount;
  const t0 = performance.now();
  for (let i = 0; i < n; i += batchSize) {
    const m = Math.min(batchSize, n - i);
    const out = model.predictFeatures(features.subarray(i * width, (i + m) * width), m);
    if (out.length !== m) throw new Error(`predictFeatures returned ${out.length} of ${m}`);
  }
  return (performance.now() - t0) / 1000;
}

/**
 * Seconds of one pass of the model's own `predict` over in-memory windows (preparation from the
 * rows plus inference), `batchSize` windows per call: what serving costs without the store.
 */
export function windowsPredictPass(
  model: RiskModel,
  histories: readonly HistoryRow[][],
  batchSize: number,
): number {
  const t0 = performance.now();
  for (let i = 0; i < histories.length; i += batchSize) {
    const batch = histories.slice(i, i + batchSize);
    const out = model.predict(batch);
    if (out.length !== batch.length)
      throw new Error(`predict returned ${out.length} of ${batch.length}`);
  }
  return (performance.now() - t0) / 1000;
}

/** Summary of passes taken at different moments (beside each scoring round). */
export function summariseBare(
  n: number,
  batchSize: number,
  seconds: readonly number[],
): BarePredictResult {
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return {
    assets: n,
    batchSize,
    bestSeconds: sorted[0],
    medianSeconds: median,
    assetsPerSec: n / median,
    passes: sorted.length,
  };
}
