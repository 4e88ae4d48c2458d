import {
  RiskModelError,
  type CrossValidationComparison,
  type ModelCard,
} from '@hourglass/risk-model';
import { rmse, rulTargets } from '../rul-metrics';
import type { HeldOutPredictions } from './held-out-predictions';

/** A trained version as {@link compareCrossValidation} reads it: its card and out-of-fold predictions. */
export interface CrossValidatedVersion {
  card: ModelCard;
  predictions: HeldOutPredictions;
}

/**
 * `own`'s cross-validation beside `other`'s: the other card's figures as it states them, and
 * both versions' out-of-fold RMSE (capped RUL, every row) over the units both were
 * cross-validated on, the one figure of the two that covers the same histories.
 */
export function compareCrossValidation(
  own: CrossValidatedVersion,
  other: CrossValidatedVersion,
  facts: { description: string; command: string },
): CrossValidationComparison {
  const otherCv = other.card.crossValidation;
  if (!own.card.crossValidation || !otherCv) {
    throw incomparable('both cards need cross-validation figures');
  }
  if (own.card.data.sha256 !== other.card.data.sha256) {
    throw incomparable('the two versions were trained on different data files');
  }
  const cap = own.card.target.rulCap;
  if (other.card.target.rulCap !== cap) throw incomparable('the RUL caps differ');
  const theirs = new Map(other.predictions.units.map((u) => [u.id, u.rul]));
  const predicted: number[] = [];
  const otherPredicted: number[] = [];
  const truth: number[] = [];
  let units = 0;
  for (const unit of own.predictions.units) {
    const otherRul = theirs.get(unit.id);
    if (!otherRul) continue;
    if (otherRul.length !== unit.rul.length) {
      throw incomparable(
        `unit ${unit.id} has ${unit.rul.length} rows here, ${otherRul.length} there`,
      );
    }
    units++;
    predicted.push(...unit.rul);
    otherPredicted.push(...otherRul);
    truth.push(...rulTargets(unit.rul.length, cap));
  }
  if (units === 0) throw incomparable('no unit was cross-validated by both');
  return {
    version: other.card.version,
    description: facts.description,
    units: other.card.data.units,
    crossValidation: otherCv,
    sharedUnits: {
      units,
      rows: truth.length,
      rmseAllRows: rmse(predicted, truth),
      otherRmseAllRows: rmse(otherPredicted, truth),
    },
    command: facts.command,
  };
}

function incomparable(reason: string): RiskModelError {
  return new RiskModelError('INVALID_DATA', `cannot compare cross-validations: ${reason}`);
}
