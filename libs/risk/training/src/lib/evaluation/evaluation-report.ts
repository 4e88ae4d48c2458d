import { CalibrationCurve, calibrationCurve } from './calibration-curve';
import {
  DEFAULT_THRESHOLDS,
  ThresholdClassification,
  precisionRecallByThreshold,
} from './horizon-classification';
import { RulErrorBucket, rulErrorByBucket } from './rul-error-buckets';
import { BacktestOptions, WarningBacktest, backtestWarningPolicy } from './warning-backtest';

/** One run-to-failure history with the model's predicted RUL at every row; it fails after the last. */
export interface EvaluationUnit {
  id: string;
  predictedRul: ArrayLike<number>;
  /** Calendar time the history covers (default: rows / cyclesPerYear). */
  years?: number;
}

/** What {@link buildEvaluationReport} evaluates. */
export interface EvaluationInput {
  model: { name: string; version: string; horizon: number; rulCap: number };
  /** Where the predictions come from, e.g. out-of-fold cross-validation predictions. */
  source: string;
  units: readonly EvaluationUnit[];
  /** The model's probability of failure within its horizon for a predicted RUL. */
  probability: (rul: number) => number;
  /** Backtest settings; `falseBeyond` defaults to twice the horizon. */
  backtest?: Partial<BacktestOptions>;
  /** Figures measured elsewhere worth carrying (e.g. the card's cross-validation at cuts). */
  headline?: Record<string, number>;
}

/** `evaluation.json` of a model version. */
export interface EvaluationReport {
  formatVersion: 1;
  model: EvaluationInput['model'];
  source: string;
  createdAt: string;
  units: number;
  rows: number;
  headline: Record<string, number>;
  /**
   * `rmseCapped`: every row against the capped true RUL (the training target); `rmseUpToCap`:
   * rows whose true RUL is at most the cap, where the target is the true RUL.
   */
  rul: { rmseCapped: number; rmseUpToCap: number; byTrueRul: RulErrorBucket[] };
  /** Reliability of P(fail within horizon) over every row. */
  calibration: CalibrationCurve;
  /** "Fails within horizon" as probability >= threshold, over every row. */
  classification: ThresholdClassification[];
  backtest: WarningBacktest;
}

/**
 * Evaluates predictions over run-to-failure histories: RUL error by true-RUL bucket, the
 * calibration and precision/recall of the failure probability at every row, and a backtest of
 * the warning policy per threshold. Pure: no I/O, no TF.js.
 */
export function buildEvaluationReport(input: EvaluationInput): EvaluationReport {
  const { horizon, rulCap } = input.model;
  const predicted: number[] = [];
  const truth: number[] = [];
  const probabilities: number[] = [];
  const backtestUnits = input.units.map((unit) => {
    const n = unit.predictedRul.length;
    const unitProbabilities = new Float64Array(n);
    for (let row = 0; row < n; row++) {
      const p = input.probability(unit.predictedRul[row]);
      unitProbabilities[row] = p;
      predicted.push(unit.predictedRul[row]);
      truth.push(n - 1 - row);
      probabilities.push(p);
    }
    return {
      id: unit.id,
      probabilities: unitProbabilities,
      ...(unit.years ? { years: unit.years } : {}),
    };
  });
  if (predicted.length === 0) throw new RangeError('no rows to evaluate');
  const events = truth.map((r) => (r < horizon ? 1 : 0));
  const capped = truth.map((r) => Math.min(r, rulCap));
  const thresholds = input.backtest?.thresholds ?? DEFAULT_THRESHOLDS;
  return {
    formatVersion: 1,
    model: input.model,
    source: input.source,
    createdAt: new Date().toISOString(),
    units: input.units.length,
    rows: predicted.length,
    headline: input.headline ?? {},
    rul: {
      rmseCapped: rootMeanSquare(predicted, capped),
      rmseUpToCap: rootMeanSquare(
        predicted.filter((_, i) => truth[i] <= rulCap),
        truth.filter((r) => r <= rulCap),
      ),
      byTrueRul: rulErrorByBucket(predicted, truth, { rulCap }),
    },
    calibration: calibrationCurve(probabilities, events),
    classification: precisionRecallByThreshold(probabilities, events, thresholds),
    backtest: backtestWarningPolicy(backtestUnits, {
      falseBeyond: 2 * horizon,
      ...input.backtest,
      thresholds,
    }),
  };
}

function rootMeanSquare(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return a.length > 0 ? Math.sqrt(sum / a.length) : NaN;
}
