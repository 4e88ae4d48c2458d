import { HistoryRow, buildTrajectoryFeatures } from '@hourglass/risk-features';
import { NetworkOptions, RiskModel } from '@hourglass/risk-model';
import { crossValidate } from '../cross-validation';
import { DEFAULT_CUT_RULE, describeCutRule } from '../cut-points';
import { DEFAULT_NETWORK_OPTIONS } from '../mlp-trainer';
import { BacktestOptions } from './warning-backtest';
import { EvaluationReport, EvaluationUnit, buildEvaluationReport } from './evaluation-report';
import { HeldOutPredictions, heldOutPredictions } from './held-out-predictions';

/** Run-to-failure histories by unit id, each failing right after its last row. */
export type RunToFailureHistories = ReadonlyMap<string, readonly HistoryRow[]>;

/**
 * Re-runs the cross-validation a model's card describes (same features, network, folds, seeds
 * and row weights) on the histories it was trained on, returning the out-of-fold predictions.
 * For models saved without `held-out-predictions.json`.
 */
export async function recomputeHeldOut(
  model: RiskModel,
  histories: RunToFailureHistories,
  log?: (line: string) => void,
  onProgress?: (epochsDone: number, epochsTotal: number) => void,
): Promise<HeldOutPredictions> {
  const { card, spec } = model;
  const ids = [...histories.keys()];
  const network: NetworkOptions = { ...DEFAULT_NETWORK_OPTIONS, ...pickNetwork(card.network) };
  const folds = card.crossValidation?.folds ?? 5;
  const seedsPerFold = card.crossValidation?.networksPerFold ?? 1;
  let epochsDone = 0;
  const onEpoch = () => onProgress?.(++epochsDone, folds * seedsPerFold * network.epochs);
  const cv = await crossValidate(
    ids.map((id) => histories.get(id) as HistoryRow[]),
    {
      folds,
      cutsPerUnit: card.crossValidation?.cutsPerUnit ?? 10,
      cutRule: DEFAULT_CUT_RULE,
      seed: card.network.seeds[0],
      seedsPerFold,
      rulCap: model.manifest.rulCap,
      horizon: model.horizon,
      features: {
        sensors: spec.sensors,
        windowLength: spec.windowLength,
        spans: spec.spans,
        baselineSpan: spec.baselineSpan,
        baselineCycles: spec.baselineCycles,
        slopeWindows: spec.slopeWindows ?? [],
      },
      network,
      ...(card.training.targetWeighting ? { weighting: card.training.targetWeighting } : {}),
      correctLateBias: model.manifest.rulCorrection !== undefined,
      ...(log ? { log } : {}),
      onEpoch,
    },
  );
  return heldOutPredictions(
    describeHeldOut(cv.report.folds, cv.report.networksPerFold ?? 1),
    ids.map((id, i) => ({ id, rul: cv.predictions[i] })),
    card.data.sha256 || undefined,
  );
}

/** How held-out predictions of a k-fold cross-validation were made, for reports. */
export function describeHeldOut(folds: number, networksPerFold: number): string {
  return `Out-of-fold predictions of ${folds}-fold cross-validation over units (${networksPerFold} network(s) per fold, each predicting only units it was not trained on)`;
}

/** The model's own predictions at every row of histories it was not trained on. */
export function predictHistories(
  model: RiskModel,
  histories: RunToFailureHistories,
  onProgress?: (historiesDone: number, historiesTotal: number) => void,
): EvaluationUnit[] {
  return [...histories].map(([id, rows], i) => {
    const predictedRul = model.predictRul(buildTrajectoryFeatures(rows, model.spec), rows.length);
    onProgress?.(i + 1, histories.size);
    return { id, predictedRul };
  });
}

/** {@link buildEvaluationReport} with the model's calibration, horizon and card figures. */
export function evaluateModel(
  model: RiskModel,
  units: readonly EvaluationUnit[],
  source: string,
  backtest: Partial<BacktestOptions> = {},
): EvaluationReport {
  const cv = model.card.crossValidation;
  return buildEvaluationReport({
    model: {
      name: model.manifest.name,
      version: model.version,
      horizon: model.horizon,
      rulCap: model.manifest.rulCap,
    },
    source,
    units,
    probability: (rul) => model.probabilityWithin(rul),
    backtest,
    headline: cv
      ? {
          [`CV RMSE at cuts (${describeCutRule(DEFAULT_CUT_RULE)})`]: cv.rmse,
          'CV PHM08 score per 100 cuts': cv.scorePer100,
        }
      : {},
  });
}

function pickNetwork(network: RiskModel['card']['network']): Partial<NetworkOptions> {
  const { hidden, dropout, epochs, batchSize, learningRate, finalLearningRate, huberDelta } =
    network;
  return {
    hidden,
    dropout,
    epochs,
    batchSize,
    learningRate,
    finalLearningRate,
    huberDelta,
    averageEpochs: network.averageEpochs ?? 0, // absent in cards from before weight averaging
  };
}
