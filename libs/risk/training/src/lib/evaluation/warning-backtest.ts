import { DEFAULT_THRESHOLDS } from './horizon-classification';

/** One run-to-failure history scored at every row; the unit fails right after the last row. */
export interface BacktestUnit {
  id: string;
  /** Probability of failure within the horizon at each row, oldest first. */
  probabilities: ArrayLike<number>;
  /** Calendar time the history covers, for rates per asset-year (default: rows / cyclesPerYear). */
  years?: number;
}

/** Options of {@link backtestWarningPolicy}; defaults mirror the platform's warning policy. */
export interface BacktestOptions {
  /** Thresholds to sweep. Default {@link DEFAULT_THRESHOLDS}. */
  thresholds?: readonly number[];
  /** Consecutive rows at or above the threshold before a warning fires (HG_RISK_CONSECUTIVE). Default 3. */
  consecutive?: number;
  /** A warning fired more than this many cycles before failure is a false warning. */
  falseBeyond: number;
  /** A first warning fewer than this many cycles before failure is too late: a missed failure. Default 5. */
  minLead?: number;
  /** Rows per asset-year when a unit does not state `years`. Default 1500 (flight cycles). */
  cyclesPerYear?: number;
}

/** Quantiles of the lead times (cycles from the first warning to failure) of detected failures. */
export interface LeadTimeSummary {
  count: number;
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
  mean: number;
}

/** What the warning policy would have done over the histories at one threshold. */
export interface BacktestAtThreshold {
  threshold: number;
  units: number;
  /** Units whose first warning came at least `minLead` cycles before failure. */
  detected: number;
  /** Units never warned, or first warned fewer than `minLead` cycles before failure. */
  missed: number;
  /** Units whose first warning came more than `falseBeyond` cycles before failure. */
  earlyFirstWarnings: number;
  leadTime: LeadTimeSummary | null;
  /** Warnings (each time the policy fires) more than `falseBeyond` cycles before failure. */
  falseWarnings: number;
  falseWarningsPerAssetYear: number;
}

/** The sweep over thresholds, with the settings used. */
export interface WarningBacktest {
  consecutive: number;
  falseBeyond: number;
  minLead: number;
  cyclesPerYear: number;
  assetYears: number;
  byThreshold: BacktestAtThreshold[];
}

/**
 * Replays the warning policy over run-to-failure histories for each threshold: a warning fires
 * when the probability has been at or above the threshold for `consecutive` rows in a row, and
 * re-arms once it drops below. The lead time of a warning is the true RUL at the row it fires.
 */
export function backtestWarningPolicy(
  units: readonly BacktestUnit[],
  options: BacktestOptions,
): WarningBacktest {
  const consecutive = options.consecutive ?? 3;
  const minLead = options.minLead ?? 5;
  const cyclesPerYear = options.cyclesPerYear ?? 1500;
  const years = units.map((u) => u.years ?? u.probabilities.length / cyclesPerYear);
  const assetYears = years.reduce((a, b) => a + b, 0);
  const byThreshold = (options.thresholds ?? DEFAULT_THRESHOLDS).map((threshold) => {
    let detected = 0;
    let early = 0;
    let falseWarnings = 0;
    const leads: number[] = [];
    for (const unit of units) {
      const fired = warningLeads(unit.probabilities, threshold, consecutive);
      falseWarnings += fired.filter((lead) => lead > options.falseBeyond).length;
      if (fired.length === 0 || fired[0] < minLead) continue;
      detected++;
      leads.push(fired[0]);
      if (fired[0] > options.falseBeyond) early++;
    }
    return {
      threshold,
      units: units.length,
      detected,
      missed: units.length - detected,
      earlyFirstWarnings: early,
      leadTime: summariseLeads(leads),
      falseWarnings,
      falseWarningsPerAssetYear: assetYears > 0 ? falseWarnings / assetYears : 0,
    };
  });
  return {
    consecutive,
    falseBeyond: options.falseBeyond,
    minLead,
    cyclesPerYear,
    assetYears,
    byThreshold,
  };
}

/** True RUL at each row where the policy fires, in firing order. */
export function warningLeads(
  probabilities: ArrayLike<number>,
  threshold: number,
  consecutive: number,
): number[] {
  const leads: number[] = [];
  const last = probabilities.length - 1;
  let run = 0;
  for (let row = 0; row <= last; row++) {
    run = probabilities[row] >= threshold ? run + 1 : 0;
    if (run === consecutive) leads.push(last - row);
  }
  return leads;
}

function summariseLeads(leads: number[]): LeadTimeSummary | null {
  if (leads.length === 0) return null;
  const sorted = [...leads].sort((a, b) => a - b);
  const q = (p: number) => {
    const at = p * (sorted.length - 1);
    const low = Math.floor(at);
    const high = Math.ceil(at);
    return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
  };
  return {
    count: sorted.length,
    min: sorted[0],
    p10: q(0.1),
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}
