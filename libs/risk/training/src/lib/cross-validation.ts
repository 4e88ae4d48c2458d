import * as tf from '@tensorflow/tfjs';
import {
  FeatureOptions,
  HistoryRow,
  buildTrajectoryFeatures,
  featureCount,
  fitFeatureSpec,
} from '@hourglass/risk-features';
import {
  CrossValidationReport,
  FailureCalibration,
  NetworkOptions,
  RulCorrection,
  correctRul,
  ensembleRul,
  failureProbability,
} from '@hourglass/risk-model';
import { CutRule, describeCutRule, drawCutRul } from './cut-points';
import { fitFailureCalibration, fitRulCorrection } from './failure-calibration-fit';
import { trainMlp } from './mlp-trainer';
import { phm08Score, rmse } from './rul-metrics';
import { SeededRandom } from './seeded-random';
import { TargetWeighting, buildTrainingMatrix } from './training-data';

/** Options of {@link crossValidate}. */
export interface CrossValidationOptions {
  folds: number;
  cutsPerUnit: number;
  cutRule: CutRule;
  /** Seeds the fold assignment, the cuts and each fold's networks (seed + fold + 100 k). */
  seed: number;
  /** Networks per fold, averaged like the shipped ensemble's members. Default 1. */
  seedsPerFold?: number;
  /** Row weights of the training loss (none by default). */
  weighting?: TargetWeighting;
  /**
   * Fit a {@link RulCorrection} on the out-of-fold predictions (returned for shipping) and score
   * cross-fitted corrected predictions: each fold's units corrected by a fit on the other folds.
   */
  correctLateBias?: boolean;
  rulCap: number;
  horizon: number;
  features: Partial<FeatureOptions>;
  network: NetworkOptions;
  log?: (line: string) => void;
  /** Called after every epoch of every fold's networks. */
  onEpoch?: () => void;
}

/** Out-of-fold results: the report for the card and the calibration fitted on them. */
export interface CrossValidationResult {
  report: CrossValidationReport;
  calibration: FailureCalibration;
  /** Out-of-fold predicted RUL at every row of every trajectory, in input order (corrected, cross-fitted, when `correctLateBias`). */
  predictions: Float32Array[];
  /** Fitted on every out-of-fold prediction, when `correctLateBias`. */
  correction?: RulCorrection;
}

/**
 * K-fold cross-validation over units: each fold fits its own feature normalisation and network on
 * the other folds' units, then predicts every row of its held-out units. The out-of-fold
 * predictions give RMSE and PHM08 score at random cuts, and the residuals that calibrate
 * `probability`.
 */
export async function crossValidate(
  trajectories: readonly (readonly HistoryRow[])[],
  options: CrossValidationOptions,
): Promise<CrossValidationResult> {
  const started = performance.now();
  const { folds, rulCap } = options;
  const random = new SeededRandom(options.seed);
  const order = random.shuffle(trajectories.map((_, i) => i));
  const foldOf = new Int32Array(trajectories.length);
  order.forEach((unit, k) => (foldOf[unit] = k % folds));
  const predictions: Float32Array[] = new Array(trajectories.length);

  for (let fold = 0; fold < folds; fold++) {
    const train = trajectories.filter((_, i) => foldOf[i] !== fold);
    const spec = fitFeatureSpec(train, options.features);
    const matrix = buildTrainingMatrix(train, spec, rulCap, options.weighting);
    const models: tf.LayersModel[] = [];
    for (let k = 0; k < (options.seedsPerFold ?? 1); k++) {
      const { model, epochLosses, seconds } = await trainMlp(
        matrix,
        { ...options.network, seed: options.seed + fold + 100 * k, targetScale: rulCap },
        options.onEpoch,
      );
      models.push(model);
      options.log?.(
        `cv fold ${fold + 1}/${folds} network ${k + 1}: loss ${epochLosses[epochLosses.length - 1].toFixed(2)}, ${seconds.toFixed(1)} s`,
      );
    }
    trajectories.forEach((t, i) => {
      if (foldOf[i] !== fold) return;
      predictions[i] = ensembleRul(
        models,
        buildTrajectoryFeatures(t, spec),
        t.length,
        featureCount(spec),
        rulCap,
      );
    });
    models.forEach((m) => m.dispose());
  }
  const seconds = (performance.now() - started) / 1000;
  if (!options.correctLateBias)
    return summarise(trajectories, predictions, options, random, seconds);
  const all = trajectories.map((_, i) => i);
  const correction = correctionOn(trajectories, predictions, all, rulCap);
  const byFold = Array.from({ length: folds }, (_, k) =>
    correctionOn(
      trajectories,
      predictions,
      all.filter((j) => foldOf[j] !== k),
      rulCap,
    ),
  );
  const corrected = predictions.map((unit, i) =>
    unit.map((p) => correctRul(byFold[foldOf[i]], p, rulCap)),
  );
  return { ...summarise(trajectories, corrected, options, random, seconds), correction };
}

/** A correction fitted on every row of the given units. */
function correctionOn(
  trajectories: readonly (readonly HistoryRow[])[],
  predictions: Float32Array[],
  units: number[],
  rulCap: number,
): RulCorrection {
  const predicted: number[] = [];
  const truth: number[] = [];
  for (const i of units) {
    const length = trajectories[i].length;
    predictions[i].forEach((p, row) => {
      predicted.push(p);
      truth.push(Math.min(length - 1 - row, rulCap));
    });
  }
  return fitRulCorrection(predicted, truth);
}

function summarise(
  trajectories: readonly (readonly HistoryRow[])[],
  predictions: Float32Array[],
  options: CrossValidationOptions,
  random: SeededRandom,
  seconds: number,
): CrossValidationResult {
  const { rulCap, horizon, cutsPerUnit, cutRule } = options;
  const allPredicted: number[] = [];
  const allTruth: number[] = [];
  const cutPredicted: number[] = [];
  const cutTruth: number[] = [];
  trajectories.forEach((t, i) => {
    const length = t.length;
    predictions[i].forEach((p, row) => {
      allPredicted.push(p);
      allTruth.push(Math.min(length - 1 - row, rulCap));
    });
    for (let c = 0; c < cutsPerUnit; c++) {
      const r = drawCutRul(length, cutRule, random);
      cutPredicted.push(predictions[i][length - 1 - r]);
      cutTruth.push(r);
    }
  });
  const calibration = fitFailureCalibration(allPredicted, allTruth, 'out-of-fold');
  const probabilities = allPredicted.map((p) => failureProbability(calibration, p, horizon));
  const events = allTruth.map((r) => (r < horizon ? 1 : 0));
  const report: CrossValidationReport = {
    folds: options.folds,
    networksPerFold: options.seedsPerFold ?? 1,
    cutsPerUnit,
    cutRule: describeCutRule(cutRule),
    evaluations: cutTruth.length,
    rmse: rmse(cutPredicted, cutTruth),
    rmseCapped: rmse(
      cutPredicted,
      cutTruth.map((r) => Math.min(r, rulCap)),
    ),
    scorePer100: (phm08Score(cutPredicted, cutTruth) / cutTruth.length) * 100,
    rmseAllRows: rmse(allPredicted, allTruth),
    brier: probabilities.reduce((s, p, k) => s + (p - events[k]) ** 2, 0) / events.length,
    reliability: reliabilityBins(probabilities, events),
    seconds,
  };
  return { report, calibration, predictions };
}

function reliabilityBins(
  probabilities: number[],
  events: number[],
): CrossValidationReport['reliability'] {
  const edges = [0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0000001];
  return edges.slice(0, -1).flatMap((from, b) => {
    const to = edges[b + 1];
    const inBin = probabilities
      .map((p, k) => k)
      .filter((k) => probabilities[k] >= from && probabilities[k] < to);
    if (inBin.length === 0) return [];
    const mean = (values: number[]) => inBin.reduce((s, k) => s + values[k], 0) / inBin.length;
    return [
      {
        from,
        to: Math.min(to, 1),
        count: inBin.length,
        predicted: mean(probabilities),
        observed: mean(events),
      },
    ];
  });
}
