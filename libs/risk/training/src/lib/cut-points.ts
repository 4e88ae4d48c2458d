import { HistoryRow } from '@hourglass/risk-features';
import { SeededRandom } from './seeded-random';

/**
 * How evaluation cuts a run-to-failure trajectory: the true RUL at the cut is drawn uniformly
 * from [minRul, min(maxRul, length - minRows)], so at least `minRows` rows stay (the official
 * FD001 test set has true RULs 7-145 and at least 31 rows per unit).
 */
export interface CutRule {
  minRul: number;
  maxRul: number;
  minRows: number;
}

export const DEFAULT_CUT_RULE: Readonly<CutRule> = Object.freeze({
  minRul: 5,
  maxRul: 145,
  minRows: 31,
});

/** One line saying how cuts are drawn, for reports. */
export function describeCutRule(rule: CutRule): string {
  return `true RUL uniform in [${rule.minRul}, min(${rule.maxRul}, length - ${rule.minRows})]`;
}

/** Draws the true RUL of one cut of a trajectory of `length` rows (0 <= result < length). */
export function drawCutRul(length: number, rule: CutRule, random: SeededRandom): number {
  const high = Math.max(0, Math.min(rule.maxRul, length - rule.minRows, length - 1));
  const low = Math.min(rule.minRul, high);
  return random.integer(low, high);
}

/** A test split made from run-to-failure units, like the official C-MAPSS test files. */
export interface HoldoutSplit {
  train: Map<number, HistoryRow[]>;
  /** Held-out units truncated at their cut, renumbered 1..n in the order of `rul`. */
  test: Map<number, HistoryRow[]>;
  /** True RUL after the last row of each test unit. */
  rul: number[];
}

/** Holds out `holdout` units chosen with `seed` and truncates each at one random cut. */
export function makeHoldoutSplit(
  units: ReadonlyMap<number, HistoryRow[]>,
  holdout: number,
  seed: number,
  rule: CutRule = DEFAULT_CUT_RULE,
): HoldoutSplit {
  const random = new SeededRandom(seed);
  const ids = random.shuffle([...units.keys()].sort((a, b) => a - b));
  const held = new Set(ids.slice(0, holdout));
  const train = new Map<number, HistoryRow[]>();
  const test = new Map<number, HistoryRow[]>();
  const rul: number[] = [];
  for (const [id, rows] of units) {
    if (!held.has(id)) {
      train.set(id, rows);
      continue;
    }
    const r = drawCutRul(rows.length, rule, random);
    test.set(test.size + 1, rows.slice(0, rows.length - r));
    rul.push(r);
  }
  return { train, test, rul };
}
