import * as tf from '@tensorflow/tfjs';
import { FeatureSpec, WINDOW_STATISTICS } from '@hourglass/risk-features';
import { CrossValidationReport, ModelCard, NetworkOptions } from '@hourglass/risk-model';
import { TargetWeighting } from './training-data';

/** Where training data came from, for the card. */
export interface TrainingDataSource {
  file: string;
  sha256: string;
  /** `cmapss` (default): NASA C-MAPSS, cited as such; `fleet-export`: an operator's own history. */
  kind?: 'cmapss' | 'fleet-export';
  /** Ids of histories of `file` left out of training on purpose. */
  heldOut?: string[];
}

/** What {@link describeModel} needs to know about a training run. */
export interface TrainingFacts {
  options: { name: string; data?: TrainingDataSource };
  spec: FeatureSpec;
  network: NetworkOptions;
  seeds: number[];
  horizon: number;
  rulCap: number;
  backend: string;
  seconds: number;
  finalLosses: number[];
  samples: number;
  units: number;
  crossValidation?: CrossValidationReport;
  weighting?: TargetWeighting;
  /** Whether the shipped model corrects late RUL predictions. */
  corrected?: boolean;
}

const CMAPSS_LICENSE =
  'Public domain, NASA Prognostics Data Repository (C-MAPSS turbofan engine degradation simulation data set).';
const CITATION =
  'A. Saxena, K. Goebel, D. Simon, and N. Eklund, "Damage Propagation Modeling for Aircraft Engine Run-to-Failure Simulation", Proceedings of the 1st International Conference on Prognostics and Health Management (PHM08), Denver CO, Oct 2008.';

/** The card of a freshly trained model, before its artifacts are hashed. */
export function describeModel(facts: TrainingFacts): Omit<ModelCard, 'version' | 'artifacts'> {
  const { spec, network, crossValidation } = facts;
  const fleet = facts.options.data?.kind === 'fleet-export';
  return {
    name: facts.options.name,
    createdAt: new Date().toISOString(),
    summary:
      'Early-warning model for turbofan-like units: predicts remaining useful life (RUL) from the telemetry history of one installed unit, and the probability that it fails within the horizon.',
    data: {
      file: facts.options.data?.file ?? '(in memory)',
      sha256: facts.options.data?.sha256 ?? '',
      units: facts.units,
      rows: facts.samples,
      ...(facts.options.data?.heldOut?.length ? { heldOut: facts.options.data.heldOut } : {}),
      ...(fleet
        ? {
            citation:
              'Telemetry exported from the platform with failure labels (models/README.md).',
            license: "The operator's own data.",
          }
        : { citation: CITATION, license: CMAPSS_LICENSE }),
    },
    target: {
      kind: 'piecewise-linear RUL',
      rulCap: facts.rulCap,
      ...(facts.corrected
        ? {
            correction:
              'The ensemble mean is moved earlier where out-of-fold predictions ran late on average (mean residual per predicted-RUL bin, only where negative; risk-model.json `rulCorrection`); the cross-validation below scores cross-fitted corrections (each fold corrected by a fit on the other folds).',
          }
        : {}),
    },
    horizon: facts.horizon,
    probability: {
      event:
        'probability that the true RUL is below the horizon, i.e. the unit fails within the next `horizon` cycles',
      method:
        'Normal distribution of the true RUL around the predicted RUL plus a bias, with a spread, both piecewise-linear in the predicted RUL and fitted on binned residuals (true capped RUL minus predicted).',
      calibratedOn: crossValidation
        ? `Residuals are out-of-fold predictions of the cross-validation below (${crossValidation.networksPerFold ?? 1} network(s) per fold against ${facts.seeds.length} shipped members, so the shipped ensemble may be slightly sharper than calibrated for).`
        : 'Residuals are in-sample training predictions (no cross-validation was run), so the spread is optimistic.',
    },
    features: {
      count: spec.featureNames.length,
      sensors: spec.sensors,
      windowLength: spec.windowLength,
      spans: spec.spans,
      baselineSpan: spec.baselineSpan,
      baselineCycles: spec.baselineCycles,
      slopeWindows: spec.slopeWindows ?? [],
      description: `Sensors z-scored with training statistics. Per sensor: ${WINDOW_STATISTICS.join(', ')} over the trailing window (partial for short histories);${spec.slopeWindows?.length ? ' least-squares slopes over longer trailing windows (slopeWindows);' : ''} exponentially weighted means (bias-corrected) over each span of the whole history; baseline = long weighted mean minus the unit's mean over its first cycles. Per history: age (cycle) and window fill. Every feature is then standardised with training means and standard deviations (preparation.json). The default window, spans and baseline were chosen by 5-fold cross-validation (models/README.md).`,
    },
    network: {
      ...network,
      parameters: parameterCount([spec.featureNames.length, ...network.hidden, 1]),
      seeds: facts.seeds,
      loss: `Huber loss, delta ${network.huberDelta} cycles, target scaled by 1/${facts.rulCap}`,
      optimizer: `Adam, learning rate ${network.learningRate} cosine-decayed to ${network.finalLearningRate}${(network.averageEpochs ?? 0) > 1 ? `; weights averaged over the last ${network.averageEpochs} epochs` : ''}`,
    },
    ...(crossValidation ? { crossValidation } : {}),
    evaluations: [],
    training: {
      seconds: facts.seconds,
      backend: facts.backend,
      samples: facts.samples,
      finalLosses: facts.finalLosses,
      runtime: `node ${process.version}, tfjs ${tf.version_core}`,
      ...(facts.weighting ? { targetWeighting: facts.weighting } : {}),
    },
    limitations: [
      fleet
        ? 'Trained on the run-to-failure lives of one fleet export; censored lives (replaced without a confirmed defect, still running) were left out, so units replaced early are not represented.'
        : 'Trained on C-MAPSS FD001 only: one operating condition and one fault mode (HPC degradation). Other conditions or fault modes need retraining.',
      'Histories should start at installation: the baseline features compare recent readings with the first cycles of the history.',
      `RUL above ${facts.rulCap} cycles is not distinguished (the target is capped); predictions are clipped to [0, ${facts.rulCap}].`,
      'Missing sensor readings repeat the previous reading (or the training mean before the first one).',
      ...heldOutLimitation(facts.options.data?.heldOut),
    ],
  };
}

function heldOutLimitation(heldOut: string[] | undefined): string[] {
  if (!heldOut?.length) return [];
  return [
    `Units ${heldOut.join(', ')} of the data were held out of training and of the cross-validation (the figures above are over the other units), so that replays of them (the demo fleet, end-to-end tests) run on engines this model never saw.`,
  ];
}

function parameterCount(sizes: number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < sizes.length; i++) total += (sizes[i] + 1) * sizes[i + 1];
  return total;
}
