import {
  FeatureSpec,
  HistoryRow,
  buildTrajectoryFeatures,
  featureCount,
} from '@hourglass/risk-features';
import { TrainingMatrix } from './mlp-trainer';
import { rulTargets } from './rul-metrics';

/**
 * Loss weight of training rows by their true (uncapped) RUL: rows further than `beyondRul`
 * cycles from failure weigh `weight`, the others 1. Evaluation cuts (and warnings) happen in the
 * last part of life, while the flat start of long trajectories would otherwise dominate training.
 */
export interface TargetWeighting {
  beyondRul: number;
  weight: number;
}

/**
 * Features at every row of every run-to-failure trajectory, with the capped piecewise-linear RUL
 * of each row as its target, and row weights when `weighting` is given.
 */
export function buildTrainingMatrix(
  trajectories: readonly (readonly HistoryRow[])[],
  spec: FeatureSpec,
  rulCap: number,
  weighting?: TargetWeighting,
): TrainingMatrix {
  const width = featureCount(spec);
  const rows = trajectories.reduce((n, t) => n + t.length, 0);
  const features = new Float32Array(rows * width);
  const targets = new Float32Array(rows);
  const weights = weighting ? new Float32Array(rows) : undefined;
  let at = 0;
  for (const trajectory of trajectories) {
    const length = trajectory.length;
    features.set(buildTrajectoryFeatures(trajectory, spec), at * width);
    targets.set(rulTargets(length, rulCap), at);
    if (weights && weighting) {
      for (let i = 0; i < length; i++) {
        weights[at + i] = length - 1 - i > weighting.beyondRul ? weighting.weight : 1;
      }
    }
    at += length;
  }
  return { features, targets, ...(weights ? { weights } : {}), rows, width };
}
