/** Mean predicted probability against the observed frequency in one probability bin. */
export interface CalibrationBin {
  from: number;
  to: number;
  count: number;
  predicted: number;
  observed: number;
}

/** Reliability of a probability: binned curve, Brier score and expected calibration error. */
export interface CalibrationCurve {
  bins: CalibrationBin[];
  /** Mean squared difference between probability and outcome (0 is perfect). */
  brier: number;
  /** Count-weighted mean of |predicted - observed| over the bins. */
  expectedCalibrationError: number;
  /** Fraction of cases where the event happened. */
  baseRate: number;
}

/**
 * Bins probabilities into `binCount` equal-width bins and compares the mean probability in each
 * with how often the event (1) happened. Empty bins are left out.
 */
export function calibrationCurve(
  probabilities: ArrayLike<number>,
  events: ArrayLike<number>,
  binCount = 10,
): CalibrationCurve {
  const n = probabilities.length;
  if (n === 0 || events.length !== n) throw new RangeError('need equal, non-empty lengths');
  const counts = new Float64Array(binCount);
  const predicted = new Float64Array(binCount);
  const observed = new Float64Array(binCount);
  let brier = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    const b = Math.min(binCount - 1, Math.max(0, Math.floor(p * binCount)));
    counts[b]++;
    predicted[b] += p;
    observed[b] += events[i];
    brier += (p - events[i]) ** 2;
    positives += events[i];
  }
  const bins: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < binCount; b++) {
    if (counts[b] === 0) continue;
    const bin = {
      from: b / binCount,
      to: (b + 1) / binCount,
      count: counts[b],
      predicted: predicted[b] / counts[b],
      observed: observed[b] / counts[b],
    };
    ece += (counts[b] / n) * Math.abs(bin.predicted - bin.observed);
    bins.push(bin);
  }
  return { bins, brier: brier / n, expectedCalibrationError: ece, baseRate: positives / n };
}
