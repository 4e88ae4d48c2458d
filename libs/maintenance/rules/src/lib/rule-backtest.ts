import {
  evaluateSamples,
  INITIAL_ARM_STATE,
  type MetricSample,
  type RuleFiring,
} from './rule-evaluator';
import type { RuleCondition } from './rule';

/** How often a rule would have fired on one asset over the backtest range. */
export interface AssetBacktest {
  assetId: string;
  firings: number;
  /** When each firing would have happened (ISO 8601). */
  firedAt: string[];
  /** How many samples of the metric were read. */
  samples: number;
}

/** The answer of a backtest: per asset (those with samples) and the total. */
export interface RuleBacktestResult {
  from: string;
  to: string;
  total: number;
  assets: AssetBacktest[];
  /** True when an asset had more samples than were read (its later history was left out). */
  truncated: boolean;
}

/**
 * Replays each asset's history through the rule from a fresh (armed) state. The live job keeps
 * its state between rounds, so a firing there may differ from here only at the range start.
 */
export function backtestRule(
  condition: RuleCondition,
  histories: ReadonlyArray<{
    assetId: string;
    samples: readonly MetricSample[];
    truncated?: boolean;
  }>,
  range: { from: Date; to: Date },
): RuleBacktestResult {
  const assets = histories.map(({ assetId, samples }) => {
    const firings: RuleFiring[] = evaluateSamples(condition, INITIAL_ARM_STATE, samples).firings;
    return {
      assetId,
      firings: firings.length,
      firedAt: firings.map((f) => new Date(f.at).toISOString()),
      samples: samples.length,
    };
  });
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    total: assets.reduce((sum, a) => sum + a.firings, 0),
    assets,
    truncated: histories.some((h) => h.truncated === true),
  };
}
