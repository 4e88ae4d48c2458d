import type { RuleCondition } from './rule';

/**
 * Where one rule stands on one asset: armed (may fire) with the start of the breach in progress, or
 * fired (waiting to clear) with the start of the clearing in progress. Times are epoch ms.
 */
export interface RuleArmState {
  armed: boolean;
  /** Armed: the first sample of the breach in progress, else null. */
  breachSince: number | null;
  /** Fired: the first sample of the clearing in progress, else null. */
  clearSince: number | null;
}

/** The state of a rule that has never seen a sample. */
export const INITIAL_ARM_STATE: RuleArmState = Object.freeze({
  armed: true,
  breachSince: null,
  clearSince: null,
});

/** One sample of the rule's metric. */
export interface MetricSample {
  ts: number;
  value: number;
}

/** One firing: the sample at which the breach had lasted `forSeconds`, and when the breach began. */
export interface RuleFiring {
  at: number;
  value: number;
  breachSince: number;
}

export function isBreach(c: RuleCondition, value: number): boolean {
  return c.operator === 'ABOVE' ? value > c.limit : value < c.limit;
}

export function isCleared(c: RuleCondition, value: number): boolean {
  return c.operator === 'ABOVE'
    ? value <= c.limit - c.clearMargin
    : value >= c.limit + c.clearMargin;
}

/**
 * Runs `samples` (oldest first) through the rule's state machine from `state`: the firings and the
 * state after the last sample. Pure; the job and the backtest both use it.
 */
export function evaluateSamples(
  condition: RuleCondition,
  state: RuleArmState,
  samples: readonly MetricSample[],
): { firings: RuleFiring[]; state: RuleArmState } {
  const firings: RuleFiring[] = [];
  let { armed, breachSince, clearSince } = state;
  for (const { ts, value } of samples) {
    if (!Number.isFinite(value)) continue;
    if (armed) {
      if (!isBreach(condition, value)) {
        breachSince = null;
        continue;
      }
      breachSince ??= ts;
      if (ts - breachSince >= condition.forSeconds * 1000) {
        firings.push({ at: ts, value, breachSince });
        armed = false;
        breachSince = null;
        clearSince = null;
      }
    } else if (!isCleared(condition, value)) {
      clearSince = null;
    } else {
      clearSince ??= ts;
      if (ts - clearSince >= condition.clearForSeconds * 1000) {
        armed = true;
        clearSince = null;
      }
    }
  }
  return { firings, state: { armed, breachSince, clearSince } };
}
