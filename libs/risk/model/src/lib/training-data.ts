import {
  FeatureSpec,
  HistoryRow,
  buildTrajectoryFeatures,
  featureCount,
} from '@hourglass/risk-features';
import { TrainingMatrix } from './mlp-trainer';
import { rulTargets } from './rul-metrics';

/**
 * Features at every row of every run-to-failure trajectory, with the capped piecewise-linear RUL
 * of each row as its target.
 */
export function buildTrainingMatrix(
  trajectories: readonly (readonly HistoryRow[])[],
  spec: FeatureSpec,
  rulCap: number,
): TrainingMatrix {
  const width = featureCount(spec);
  const rows = trajectories.reduce((n, t) => n + t.length, 0);
  const features = new Float32Array(rows * width);
  const targets = new Float32Array(rows);
  let at = 0;
  for (const trajectory of trajectories) {
    features.set(buildTrajectoryFeatures(trajectory, spec), at * width);
    targets.set(rulTargets(trajectory.length, rulCap), at);
    at += trajectory.length;
  }
  return { features, targets, rows, width };
}
