import type { RuleCondition } from './rule';
import { evaluateSamples, INITIAL_ARM_STATE, isCleared } from './rule-evaluator';

const condition: RuleCondition = {
  kind: 'THRESHOLD',
  metric: 'temp',
  operator: 'ABOVE',
  limit: 90,
  forSeconds: 120,
  clearMargin: 5,
  clearForSeconds: 60,
};
const minutes = (values: number[], from = 0) =>
  values.map((value, i) => ({ ts: (from + i) * 60_000, value }));

describe(evaluateSamples.name, () => {
  it('fires when the breach has lasted forSeconds, measured from its first sample', () => {
    const sut = evaluateSamples(condition, INITIAL_ARM_STATE, minutes([80, 95, 95, 95, 95]));
    expect(sut.firings).toEqual([{ at: 3 * 60_000, value: 95, breachSince: 60_000 }]);
    expect(sut.state).toEqual({ armed: false, breachSince: null, clearSince: null });
  });

  it('gives the same firings when the samples arrive over several rounds', () => {
    const all = minutes([95, 95, 80, 95, 95, 95, 84, 84, 95, 95, 95]);
    const whole = evaluateSamples(condition, INITIAL_ARM_STATE, all).firings;
    let state = INITIAL_ARM_STATE;
    const split = [];
    for (const part of [all.slice(0, 4), all.slice(4, 7), all.slice(7)]) {
      const r = evaluateSamples(condition, state, part);
      split.push(...r.firings);
      state = r.state;
    }
    expect(split).toEqual(whole);
    expect(whole.map((f) => f.at / 60_000)).toEqual([5, 10]);
  });

  it('ignores non-finite values and clears below the limit by the margin only', () => {
    expect(
      evaluateSamples(condition, INITIAL_ARM_STATE, minutes([Number.NaN, 95, Number.NaN])).state
        .breachSince,
    ).toBe(60_000);
    expect([isCleared(condition, 86), isCleared(condition, 85)]).toEqual([false, true]);
    const below: RuleCondition = { ...condition, operator: 'BELOW', limit: 10 };
    expect([isCleared(below, 14), isCleared(below, 15)]).toEqual([false, true]);
  });
});
