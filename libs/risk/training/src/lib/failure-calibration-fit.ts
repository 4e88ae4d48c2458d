import type { FailureCalibration, RulCorrection } from '@hourglass/risk-model';

const BIN_WIDTH = 10;
const MIN_BIN_COUNT = 50;
const MIN_SIGMA = 1;

/** Fits a {@link FailureCalibration} on paired predictions and true (capped) RULs. */
export function fitFailureCalibration(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  source: FailureCalibration['source'],
): FailureCalibration {
  const order = Array.from({ length: predicted.length }, (_, i) => i).sort(
    (a, b) => predicted[a] - predicted[b],
  );
  const knots: number[] = [];
  const bias: number[] = [];
  const sigma: number[] = [];
  let bin: number[] = [];
  const flush = () => {
    const n = bin.length;
    const p = bin.reduce((s, i) => s + predicted[i], 0) / n;
    const mean = bin.reduce((s, i) => s + (truth[i] - predicted[i]), 0) / n;
    const variance = bin.reduce((s, i) => s + (truth[i] - predicted[i] - mean) ** 2, 0) / n;
    knots.push(p);
    bias.push(mean);
    sigma.push(Math.max(MIN_SIGMA, Math.sqrt(variance)));
    bin = [];
  };
  for (let k = 0; k < order.length; k++) {
    bin.push(order[k]);
    const remaining = order.length - k - 1;
    const widthReached = predicted[order[k]] - predicted[bin[0]] >= BIN_WIDTH;
    if (bin.length >= MIN_BIN_COUNT && widthReached && remaining >= MIN_BIN_COUNT) flush();
  }
  if (bin.length > 0) flush();
  return { method: 'heteroscedastic-normal', source, knots, bias, sigma };
}

/** Fits a {@link RulCorrection} on paired out-of-fold predictions and true (capped) RULs. */
export function fitRulCorrection(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
): RulCorrection {
  const { knots, bias } = fitFailureCalibration(predicted, truth, 'out-of-fold');
  return { method: 'late-bias', knots, shift: bias.map((b) => Math.min(0, b)) };
}
