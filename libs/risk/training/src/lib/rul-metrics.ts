/** The usual C-MAPSS cap of the piecewise-linear RUL target: flat at the start of life. */
export const DEFAULT_RUL_CAP = 125;

/**
 * Piecewise-linear RUL targets for a run-to-failure trajectory of `length` rows: the last row has
 * RUL 0, each earlier row one more, capped at `cap`.
 */
export function rulTargets(length: number, cap = DEFAULT_RUL_CAP): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.min(length - 1 - i, cap));
}

/** PHM08 asymmetric score of one error `d = predicted - true`: late predictions cost more. */
export function phm08Penalty(d: number): number {
  return d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
}

/** Sum of {@link phm08Penalty} over paired predictions and true RULs. */
export function phm08Score(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  assertPaired(predicted, truth);
  let score = 0;
  for (let i = 0; i < predicted.length; i++) score += phm08Penalty(predicted[i] - truth[i]);
  return score;
}

/** Root mean squared error over paired values. */
export function rmse(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  assertPaired(predicted, truth);
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i] - truth[i]) ** 2;
  return Math.sqrt(sum / predicted.length);
}

function assertPaired(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`need equal, non-empty lengths, got ${a.length} and ${b.length}`);
  }
}
