/**
 * How predicted RUL turns into a probability of failure within a horizon: the true RUL is taken
 * as normal around `predicted + bias(predicted)` with spread `sigma(predicted)`, both
 * piecewise-linear in the prediction and fitted on residuals (true capped RUL minus predicted)
 * of out-of-fold predictions.
 */
export interface FailureCalibration {
  method: 'heteroscedastic-normal';
  /** Where the residuals came from: cross-validation, or the training rows themselves. */
  source: 'out-of-fold' | 'in-sample';
  /** Predicted-RUL knots, increasing. */
  knots: number[];
  /** Mean residual at each knot. */
  bias: number[];
  /** Residual standard deviation at each knot. */
  sigma: number[];
}

/** Probability that the true RUL is below `horizon` cycles (the unit fails within the horizon). */
export function failureProbability(
  calibration: FailureCalibration,
  predictedRul: number,
  horizon: number,
): number {
  const { knots } = calibration;
  const mean = predictedRul + interpolate(knots, calibration.bias, predictedRul);
  const spread = interpolate(knots, calibration.sigma, predictedRul);
  // True RUL is a whole number of cycles: "below horizon" means at most horizon - 1.
  return normalCdf((horizon - 0.5 - mean) / spread);
}

/**
 * A downward-only correction of predicted RUL: where out-of-fold predictions ran late on average
 * (predicted above the true capped RUL), they are moved earlier by that mean; where they ran
 * early they are left alone, since a late prediction costs more than an early one (PHM08).
 */
export interface RulCorrection {
  method: 'late-bias';
  /** Predicted-RUL knots, increasing. */
  knots: number[];
  /** Shift (<= 0) added at each knot, interpolated between knots. */
  shift: number[];
}

/** Applies a {@link RulCorrection} to one predicted RUL, clipped to [0, rulCap]. */
export function correctRul(correction: RulCorrection, rul: number, rulCap: number): number {
  const shifted = rul + interpolate(correction.knots, correction.shift, rul);
  return Math.min(rulCap, Math.max(0, shifted));
}

/** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function interpolate(xs: number[], ys: number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  const last = xs.length - 1;
  if (x >= xs[last]) return ys[last];
  let k = 1;
  while (xs[k] < x) k++;
  const w = (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
  return ys[k - 1] + w * (ys[k] - ys[k - 1]);
}
