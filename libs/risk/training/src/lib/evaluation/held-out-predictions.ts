import * as fs from 'node:fs';
import * as path from 'node:path';
import { RiskModelError } from '@hourglass/risk-model';
import { EvaluationUnit } from './evaluation-report';

/** File in a model folder holding out-of-fold predictions (not hashed, like the card). */
export const HELD_OUT_FILE = 'held-out-predictions.json';

/**
 * Predicted RUL at every row of run-to-failure histories, each made by a network that did not
 * see that history (cross-validation), so evaluations built on them are honest.
 */
export interface HeldOutPredictions {
  formatVersion: 1;
  /** How the predictions were made, e.g. the cross-validation settings. */
  source: string;
  /** sha256 of the data file the histories came from, when known. */
  dataSha256?: string;
  units: Array<{ id: string; rul: number[]; years?: number }>;
}

/** Packs out-of-fold predictions (rounded to 0.01 cycle) for {@link writeHeldOutPredictions}. */
export function heldOutPredictions(
  source: string,
  units: ReadonlyArray<{ id: string; rul: ArrayLike<number>; years?: number }>,
  dataSha256?: string,
): HeldOutPredictions {
  return {
    formatVersion: 1,
    source,
    ...(dataSha256 ? { dataSha256 } : {}),
    units: units.map((u) => ({
      id: u.id,
      rul: Array.from(u.rul, (v) => Math.round(v * 100) / 100),
      ...(u.years ? { years: u.years } : {}),
    })),
  };
}

export function writeHeldOutPredictions(dir: string, predictions: HeldOutPredictions): void {
  fs.writeFileSync(path.join(dir, HELD_OUT_FILE), JSON.stringify(predictions) + '\n');
}

/** Reads a model folder's held-out predictions, or `undefined` when it has none. */
export function readHeldOutPredictions(dir: string): HeldOutPredictions | undefined {
  const file = path.join(dir, HELD_OUT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as HeldOutPredictions;
  if (parsed.formatVersion !== 1 || !Array.isArray(parsed.units)) {
    throw new RiskModelError('MODEL_INCOMPATIBLE', `${file}: unsupported format`);
  }
  return parsed;
}

/** The histories of held-out predictions as evaluation units. */
export function heldOutUnits(predictions: HeldOutPredictions): EvaluationUnit[] {
  return predictions.units.map((u) => ({
    id: u.id,
    predictedRul: u.rul,
    ...(u.years ? { years: u.years } : {}),
  }));
}
