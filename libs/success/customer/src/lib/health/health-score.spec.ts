import fc from 'fast-check';
import { checkWeights, healthBand, healthScore } from './health-score';
import type { HealthInputs } from './health.types';

const ASOF = Date.parse('2026-06-30T00:00:00Z');
const instant = fc
  .integer({ min: ASOF - 400 * 86_400_000, max: ASOF + 86_400_000 })
  .map((t) => new Date(t).toISOString());
const inputs: fc.Arbitrary<HealthInputs> = fc.record({
  asOf: fc.constant(new Date(ASOF).toISOString()),
  assets: fc.uniqueArray(
    fc.record({
      assetId: fc.string({ minLength: 1, maxLength: 6 }),
      lastSeen: fc.option(instant),
      elevatedRisk: fc.boolean(),
      hoursRecent: fc.double({ min: 0, max: 2200, noNaN: true }),
      hoursPrevious: fc.double({ min: 0, max: 2200, noNaN: true }),
    }),
    { selector: (a) => a.assetId, maxLength: 30 },
  ),
  periods: fc.uniqueArray(
    fc.record({
      contractId: fc.constantFrom('c1', 'c2', 'c3'),
      period: fc.constantFrom('2026-03', '2026-04', '2026-05'),
      availabilityPct: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
      targetPct: fc.double({ min: 80, max: 100, noNaN: true }),
    }),
    { selector: (p) => `${p.contractId}/${p.period}` },
  ),
  openOrders: fc.uniqueArray(
    fc.record({ taskId: fc.string({ minLength: 1 }), assetId: fc.string(), dueBy: instant }),
    { selector: (o) => o.taskId, maxLength: 40 },
  ),
  answers: fc.uniqueArray(
    fc.record({
      taskId: fc.string({ minLength: 1 }),
      score: fc.integer({ min: 0, max: 10 }),
      answeredAt: instant,
    }),
    { selector: (a) => a.taskId, maxLength: 20 },
  ),
});

function shuffled<T>(xs: readonly T[], keys: number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i % Math.max(keys.length, 1)] ?? 0, i }))
    .sort((a, b) => a.k - b.k || b.i - a.i)
    .map((e) => e.x);
}

describe(healthScore.name, () => {
  it('keeps the score and every component within 0-100, banded as the spec says', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const h = healthScore(i);
        for (const c of h.components) {
          if (c.score === null) continue;
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(100);
        }
        if (h.score === null) expect(h.band).toBeNull();
        else {
          expect(h.score).toBeGreaterThanOrEqual(0);
          expect(h.score).toBeLessThanOrEqual(100);
          expect(h.band).toBe(healthBand(h.score));
        }
      }),
      { seed: 15, numRuns: 400 },
    );
  });

  it('does not depend on the order in which the inputs arrived', () => {
    fc.assert(
      fc.property(inputs, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (i, keys) => {
        const reordered: HealthInputs = {
          asOf: i.asOf,
          assets: shuffled(i.assets, keys),
          periods: shuffled(i.periods, keys),
          openOrders: shuffled(i.openOrders, keys),
          answers: shuffled(i.answers, keys),
        };
        expect(healthScore(reordered)).toEqual(healthScore(i));
      }),
      { seed: 15, numRuns: 400 },
    );
  });

  it('bands 70 as healthy, 40-69.9 as watch and below 40 as at risk', () => {
    expect([70, 69.9, 40, 39.9].map(healthBand)).toEqual(['HEALTHY', 'WATCH', 'WATCH', 'AT_RISK']);
  });

  it('refuses negative or all-zero weights', () => {
    const zero = { availability: 0, risk: 0, usage: 0, orders: 0, nps: 0, silentDevices: 0 };
    expect(() => checkWeights(zero)).toThrow(RangeError);
    expect(() => checkWeights({ ...zero, nps: -1, risk: 2 })).toThrow(RangeError);
    expect(checkWeights({ ...zero, nps: 1 })).toEqual({ ...zero, nps: 1 });
  });
});
