import { syntheticTrajectory } from '@hourglass/risk-features';
import { DEFAULT_CUT_RULE, drawCutRul, makeHoldoutSplit } from './cut-points';
import { SeededRandom } from './seeded-random';

describe('drawCutRul', () => {
  it('keeps the true RUL within the rule and at least minRows rows', () => {
    const random = new SeededRandom(1);
    for (const length of [128, 200, 362]) {
      for (let i = 0; i < 200; i++) {
        const r = drawCutRul(length, DEFAULT_CUT_RULE, random);
        expect(r).toBeGreaterThanOrEqual(DEFAULT_CUT_RULE.minRul);
        expect(r).toBeLessThanOrEqual(
          Math.min(DEFAULT_CUT_RULE.maxRul, length - DEFAULT_CUT_RULE.minRows),
        );
      }
    }
  });

  it('still cuts a trajectory shorter than the rule allows', () => {
    const r = drawCutRul(3, DEFAULT_CUT_RULE, new SeededRandom(1));
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(3);
  });
});

describe('makeHoldoutSplit', () => {
  const units = new Map(
    [1, 2, 3, 4, 5, 6].map((id) => [id, syntheticTrajectory({ length: 150 + id, seed: id })]),
  );

  it('holds out units, truncated so that the RUL file is their true remaining life', () => {
    const sut = makeHoldoutSplit(units, 2, 42);
    expect(sut.train.size).toBe(4);
    expect([...sut.test.keys()]).toEqual([1, 2]);
    const heldIds = [...units.keys()].filter((id) => !sut.train.has(id));
    heldIds.forEach((id, k) => {
      const full = units.get(id) ?? [];
      const cut = sut.test.get(k + 1) ?? [];
      expect(cut).toEqual(full.slice(0, cut.length));
      expect(full.length - cut.length).toBe(sut.rul[k]);
    });
  });

  it('is reproducible for a seed', () => {
    expect(makeHoldoutSplit(units, 2, 42)).toEqual(makeHoldoutSplit(units, 2, 42));
    expect(makeHoldoutSplit(units, 2, 43).rul).not.toEqual(makeHoldoutSplit(units, 2, 42).rul);
  });
});
