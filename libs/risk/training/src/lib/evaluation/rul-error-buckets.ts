/** Error of predicted RUL among rows whose true RUL falls in `[from, to)`. */
export interface RulErrorBucket {
  from: number;
  /** Exclusive upper end; `null` for the open last bucket. */
  to: number | null;
  count: number;
  /** Mean of predicted minus true RUL: positive = predicted too late (the costly side). */
  bias: number;
  /** Mean absolute error. */
  mae: number;
  /** Root mean squared error against the true RUL. */
  rmse: number;
  /** Root mean squared error against the true RUL capped like the training target. */
  rmseCapped: number;
}

/** Options of {@link rulErrorByBucket}. */
export interface RulBucketOptions {
  /** Width of each true-RUL bucket in cycles. Default 10. */
  width?: number;
  /** True RULs at or above this go into one open bucket. Default 150. */
  openFrom?: number;
  /** Cap of the training target, for `rmseCapped`. Default 125. */
  rulCap?: number;
}

/** Groups paired predictions and true RULs by true-RUL bucket; empty buckets are left out. */
export function rulErrorByBucket(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
  options: RulBucketOptions = {},
): RulErrorBucket[] {
  const width = options.width ?? 10;
  const openFrom = options.openFrom ?? 150;
  const cap = options.rulCap ?? 125;
  if (predicted.length !== truth.length)
    throw new RangeError('predicted and truth differ in length');
  const sums = new Map<number, { n: number; e: number; a: number; s: number; c: number }>();
  for (let i = 0; i < truth.length; i++) {
    const from = truth[i] >= openFrom ? openFrom : Math.floor(truth[i] / width) * width;
    const sum = sums.get(from) ?? { n: 0, e: 0, a: 0, s: 0, c: 0 };
    const error = predicted[i] - truth[i];
    sum.n++;
    sum.e += error;
    sum.a += Math.abs(error);
    sum.s += error * error;
    sum.c += (predicted[i] - Math.min(truth[i], cap)) ** 2;
    sums.set(from, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([from, sum]) => ({
      from,
      to: from >= openFrom ? null : from + width,
      count: sum.n,
      bias: sum.e / sum.n,
      mae: sum.a / sum.n,
      rmse: Math.sqrt(sum.s / sum.n),
      rmseCapped: Math.sqrt(sum.c / sum.n),
    }));
}
