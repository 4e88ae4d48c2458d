/** One Bernoulli trial of a demand count: `quantity` units with probability `p`. */
export interface DemandTrial {
  p: number;
  quantity: number;
}

/** The 95th percentile of the standard normal distribution (a two-sided 90 % interval). */
export const Z_95 = 1.6448536269514722;

/**
 * Work budget (trials x support points) of the exact dynamic program per part. Beyond it the count
 * is approximated by a normal distribution; that only happens when the support is wide, i.e. the
 * standard deviation is large, which is when the normal approximation is accurate (Berry-Esseen:
 * the CDF error is at most 0.56 x sum E|X-p|^3 / sigma^3 <= 0.56 x qmax / sigma).
 */
export const EXACT_BUDGET = 20_000_000;

/** Standard deviations above the mean where the exact program truncates the support. */
const TRUNCATE_SIGMAS = 12;

/** How a demand interval was computed. */
export type IntervalMethod = 'exact' | 'normal';

/** Expected count and a central interval of a sum of weighted Bernoulli trials. */
export interface DemandInterval {
  expected: number;
  low: number;
  high: number;
  method: IntervalMethod;
}

/**
 * The distribution of `sum quantity_i x B_i`, B_i ~ Bernoulli(p_i), by dynamic programming over the
 * trials (Hong 2013 for unit quantities): pmf[k] = P(total = k) for k <= `maxTotal`; mass above
 * `maxTotal` is dropped (the caller chooses it far in the tail). O(n x maxTotal).
 */
export function weightedPoissonBinomialPmf(
  trials: readonly DemandTrial[],
  maxTotal?: number,
): Float64Array {
  const cap = maxTotal ?? trials.reduce((s, t) => s + t.quantity, 0);
  let pmf = new Float64Array(cap + 1);
  let next = new Float64Array(cap + 1);
  pmf[0] = 1;
  let reach = 0;
  for (const { p, quantity } of trials) {
    reach = Math.min(cap, reach + quantity);
    for (let k = 0; k <= reach; k++)
      next[k] = pmf[k] * (1 - p) + (k >= quantity ? pmf[k - quantity] * p : 0);
    [pmf, next] = [next, pmf];
  }
  return pmf;
}

/** The smallest k with P(total <= k) >= q. */
export function pmfQuantile(pmf: Float64Array, q: number): number {
  let cdf = 0;
  for (let k = 0; k < pmf.length; k++) {
    cdf += pmf[k];
    if (cdf >= q - 1e-12) return k;
  }
  return pmf.length - 1;
}

function moments(trials: readonly DemandTrial[]) {
  let mean = 0;
  let variance = 0;
  let max = 0;
  let qmax = 0;
  for (const { p, quantity } of trials) {
    mean += quantity * p;
    variance += quantity * quantity * p * (1 - p);
    max += quantity;
    qmax = Math.max(qmax, quantity);
  }
  return { mean, sd: Math.sqrt(variance), max, qmax };
}

/**
 * The expected count and the 90 % interval (5th and 95th percentiles) of a sum of weighted
 * Bernoulli trials. Exact (truncated dynamic program) when trials x support fits `EXACT_BUDGET`,
 * otherwise the normal approximation with continuity correction: P(X <= k) ~ Phi((k + 0.5 - mean) / sd).
 */
export function demandInterval(
  trials: readonly DemandTrial[],
  budget = EXACT_BUDGET,
): DemandInterval {
  const certain = trials.filter((t) => t.p >= 1).reduce((s, t) => s + t.quantity, 0);
  const random = trials.filter((t) => t.p > 0 && t.p < 1);
  const m = moments(random);
  const expected = certain + m.mean;
  if (random.length === 0) return { expected, low: certain, high: certain, method: 'exact' };
  const support = Math.min(m.max, Math.ceil(m.mean + TRUNCATE_SIGMAS * m.sd + 20 * m.qmax));
  if (random.length * support <= budget) {
    const pmf = weightedPoissonBinomialPmf(random, support);
    return {
      expected,
      low: certain + pmfQuantile(pmf, 0.05),
      high: certain + pmfQuantile(pmf, 0.95),
      method: 'exact',
    };
  }
  const at = (z: number) => Math.min(m.max, Math.max(0, Math.ceil(m.mean - 0.5 + z * m.sd)));
  return { expected, low: certain + at(-Z_95), high: certain + at(Z_95), method: 'normal' };
}
