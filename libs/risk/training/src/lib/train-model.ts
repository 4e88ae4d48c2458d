import * as tf from '@tensorflow/tfjs';
import { FeatureOptions, HistoryRow, fitFeatureSpec } from '@hourglass/risk-features';
import {
  ArtifactFiles,
  ModelCard,
  NetworkOptions,
  RiskModel,
  RiskModelError,
  RiskModelManifest,
  ensembleRul,
  layersModelToFiles,
  selectBackend,
} from '@hourglass/risk-model';
import { CrossValidationResult, crossValidate } from './cross-validation';
import { CutRule, DEFAULT_CUT_RULE } from './cut-points';
import { fitFailureCalibration } from './failure-calibration-fit';
import { DEFAULT_NETWORK_OPTIONS, TrainingMatrix, trainMlp } from './mlp-trainer';
import { DEFAULT_RUL_CAP } from './rul-metrics';
import { TargetWeighting, buildTrainingMatrix } from './training-data';

/**
 * Whether training ships a downward-only RUL correction fitted on out-of-fold residuals: chosen by
 * cross-validation (cross-fitted: each fold corrected by a fit on the others), see models/README.md.
 */
export const DEFAULT_CORRECT_LATE_BIAS = true;

/**
 * Networks averaged per cross-validation fold unless told otherwise: the figures then measure an
 * ensemble, as shipped (3 keeps training under 10 minutes; the shipped model has 5 members).
 */
export const DEFAULT_CV_SEEDS_PER_FOLD = 3;

/**
 * Training row weights unless told otherwise, chosen by cross-validation (models/README.md): rows
 * more than 145 cycles before failure (never evaluated, all at the capped target) weigh 0.3.
 */
export const DEFAULT_TARGET_WEIGHTING: TargetWeighting | false = Object.freeze({
  beyondRul: 145,
  weight: 0.3,
});
import { TrainingDataSource, describeModel } from './model-description';

/** Options of {@link trainModel}; only `units` and `name` are required. */
export interface TrainModelOptions {
  /** Run-to-failure trajectories by unit id (e.g. from `parseCmapss`). */
  units: ReadonlyMap<number, HistoryRow[]>;
  /** Model name, e.g. `fd001-mlp-v1`; the version is `name@hash`. */
  name: string;
  /** Cycles ahead that `probability` looks. Default 30. */
  horizon?: number;
  /** Cap of the piecewise-linear RUL target. Default 125. */
  rulCap?: number;
  /** One ensemble member per seed. Default [1, 2, 3, 4, 5]. */
  seeds?: number[];
  features?: Partial<FeatureOptions>;
  network?: Partial<NetworkOptions>;
  /** Cross-validation for the card's figures and the probability calibration; `false` skips it
   * (probability is then calibrated on training residuals, which is optimistic). Default 5 folds,
   * 10 cuts per unit, {@link DEFAULT_CUT_RULE}, {@link DEFAULT_CV_SEEDS_PER_FOLD} networks per fold. */
  crossValidation?:
    { folds: number; cutsPerUnit?: number; cutRule?: CutRule; seedsPerFold?: number } | false;
  /** Loss weights of training rows by true RUL. Default {@link DEFAULT_TARGET_WEIGHTING}. */
  weighting?: TargetWeighting | false;
  /**
   * Fit a late-bias RUL correction on the out-of-fold predictions and ship it (needs
   * cross-validation). Default {@link DEFAULT_CORRECT_LATE_BIAS}.
   */
  correctLateBias?: boolean;
  /** Receives the out-of-fold predictions (trajectories in ascending unit id order). */
  onCrossValidation?: (result: CrossValidationResult, unitIds: number[]) => void;
  /** Where the data came from, for the card. */
  data?: TrainingDataSource;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Called after every training epoch of every network (cross-validation's included). */
  onProgress?: (epochsDone: number, epochsTotal: number) => void;
}

/**
 * Trains the early-warning model: optional cross-validation (figures and calibration), then one
 * network per seed on all units, averaged. Deterministic for given options and backend.
 */
export async function trainModel(options: TrainModelOptions): Promise<RiskModel> {
  const started = performance.now();
  const backend = await selectBackend();
  const horizon = options.horizon ?? 30;
  const rulCap = options.rulCap ?? DEFAULT_RUL_CAP;
  const seeds = options.seeds ?? [1, 2, 3, 4, 5];
  const network: NetworkOptions = { ...DEFAULT_NETWORK_OPTIONS, ...options.network };
  const unitIds = [...options.units.keys()].sort((a, b) => a - b);
  const trajectories = unitIds.map((id) => options.units.get(id) as HistoryRow[]);
  const weighting = options.weighting ?? DEFAULT_TARGET_WEIGHTING;
  validate(trajectories, horizon, rulCap, seeds);
  const log = options.log ?? (() => undefined);
  const onEpoch = epochCounter(options, seeds.length * network.epochs);

  const cv = await runCrossValidation(trajectories, options, {
    seed: seeds[0],
    rulCap,
    horizon,
    network,
    ...(weighting ? { weighting } : {}),
    correctLateBias: options.correctLateBias ?? DEFAULT_CORRECT_LATE_BIAS,
    log,
    onEpoch,
  });
  if (cv) options.onCrossValidation?.(cv, unitIds);

  const spec = fitFeatureSpec(trajectories, options.features ?? {});
  const matrix = buildTrainingMatrix(trajectories, spec, rulCap, weighting || undefined);
  const { members, memberFiles, finalLosses } = await trainMembers(
    matrix,
    seeds,
    network,
    rulCap,
    log,
    onEpoch,
  );
  const calibration =
    cv?.calibration ??
    fitFailureCalibration(
      ensembleRul(members, matrix.features, matrix.rows, matrix.width, rulCap),
      matrix.targets,
      'in-sample',
    );
  const manifest: RiskModelManifest = {
    formatVersion: 1,
    name: options.name,
    horizon,
    rulCap,
    members: seeds.map((s) => `seed-${s}`),
    calibration,
    ...(cv?.correction ? { rulCorrection: cv.correction } : {}),
  };
  const seconds = (performance.now() - started) / 1000;
  const card: Omit<ModelCard, 'version' | 'artifacts'> = describeModel({
    options,
    spec,
    network,
    seeds,
    horizon,
    rulCap,
    backend,
    seconds,
    finalLosses,
    samples: matrix.rows,
    units: trajectories.length,
    ...(weighting ? { weighting } : {}),
    corrected: manifest.rulCorrection !== undefined,
    crossValidation: cv?.report,
  });
  return RiskModel.create(members, spec, manifest, memberFiles, card);
}

async function runCrossValidation(
  trajectories: HistoryRow[][],
  options: TrainModelOptions,
  common: {
    seed: number;
    rulCap: number;
    horizon: number;
    network: NetworkOptions;
    weighting?: TargetWeighting;
    correctLateBias: boolean;
    log: (line: string) => void;
    onEpoch: () => void;
  },
): Promise<CrossValidationResult | undefined> {
  if (options.crossValidation === false) return undefined;
  const chosen = options.crossValidation ?? { folds: 5 };
  const cv = await crossValidate(trajectories, {
    ...common,
    folds: chosen.folds,
    cutsPerUnit: chosen.cutsPerUnit ?? 10,
    seedsPerFold: chosen.seedsPerFold ?? DEFAULT_CV_SEEDS_PER_FOLD,
    cutRule: chosen.cutRule ?? DEFAULT_CUT_RULE,
    features: options.features ?? {},
  });
  const { rmse, scorePer100, brier } = cv.report;
  common.log(
    `cv: rmse ${rmse.toFixed(2)}, score/100 ${scorePer100.toFixed(1)}, brier ${brier.toFixed(4)}`,
  );
  return cv;
}

async function trainMembers(
  matrix: TrainingMatrix,
  seeds: number[],
  network: NetworkOptions,
  rulCap: number,
  log: (line: string) => void,
  onEpoch: () => void,
): Promise<{ members: tf.LayersModel[]; memberFiles: ArtifactFiles; finalLosses: number[] }> {
  const members: tf.LayersModel[] = [];
  const memberFiles: ArtifactFiles = new Map();
  const finalLosses: number[] = [];
  for (const seed of seeds) {
    const result = await trainMlp(
      matrix,
      { ...network, seed, targetScale: rulCap },
      (epoch, loss) => {
        onEpoch();
        if ((epoch + 1) % 10 === 0)
          log(`seed ${seed}: epoch ${epoch + 1}/${network.epochs} loss ${loss.toFixed(2)}`);
      },
    );
    members.push(result.model);
    finalLosses.push(result.epochLosses[result.epochLosses.length - 1]);
    for (const [p, bytes] of await layersModelToFiles(result.model, `seed-${seed}`))
      memberFiles.set(p, bytes);
    log(`seed ${seed}: trained in ${result.seconds.toFixed(1)} s`);
  }
  return { members, memberFiles, finalLosses };
}

/** Counts epochs over cross-validation and the members against the total the options imply. */
function epochCounter(options: TrainModelOptions, memberEpochs: number): () => void {
  const report = options.onProgress;
  if (!report) return () => undefined;
  const cv = options.crossValidation ?? { folds: 5 };
  const epochs = options.network?.epochs ?? DEFAULT_NETWORK_OPTIONS.epochs;
  const cvEpochs = cv ? cv.folds * (cv.seedsPerFold ?? DEFAULT_CV_SEEDS_PER_FOLD) * epochs : 0;
  const total = cvEpochs + memberEpochs;
  let done = 0;
  return () => report(++done, total);
}

function validate(
  trajectories: HistoryRow[][],
  horizon: number,
  rulCap: number,
  seeds: number[],
): void {
  if (trajectories.length === 0 || trajectories.some((t) => t.length === 0)) {
    throw new RiskModelError('INVALID_DATA', 'training needs at least one unit, each with rows');
  }
  if (!(horizon >= 1 && horizon <= rulCap)) {
    throw new RiskModelError(
      'INVALID_OPTIONS',
      `horizon must be in [1, rulCap=${rulCap}], got ${horizon}`,
    );
  }
  if (
    seeds.length === 0 ||
    new Set(seeds).size !== seeds.length ||
    !seeds.every(Number.isInteger)
  ) {
    throw new RiskModelError('INVALID_OPTIONS', 'seeds must be distinct integers, at least one');
  }
}
