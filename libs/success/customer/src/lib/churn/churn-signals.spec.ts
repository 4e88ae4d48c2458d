import fc from 'fast-check';
import { churnRisk, churnSignals, type ChurnInputs } from './churn-signals';
import { DEFAULT_CHURN_WEIGHTS } from './churn.types';

const ASOF = Date.parse('2026-06-30T00:00:00Z');
const instant = fc
  .integer({ min: ASOF - 200 * 86_400_000, max: ASOF + 200 * 86_400_000 })
  .map((t) => new Date(t).toISOString());
const inputs: fc.Arbitrary<ChurnInputs> = fc.record({
  inputs: fc.record({
    asOf: fc.constant(new Date(ASOF).toISOString()),
    assets: fc.uniqueArray(
      fc.record({
        assetId: fc.string({ minLength: 1, maxLength: 5 }),
        lastSeen: fc.option(instant),
        elevatedRisk: fc.boolean(),
        hoursRecent: fc.double({ min: 0, max: 2200, noNaN: true }),
        hoursPrevious: fc.double({ min: 0, max: 2200, noNaN: true }),
      }),
      { selector: (a) => a.assetId, maxLength: 20 },
    ),
    periods: fc.uniqueArray(
      fc.record({
        contractId: fc.constantFrom('c1', 'c2'),
        period: fc.constantFrom('2026-03', '2026-04', '2026-05'),
        availabilityPct: fc.option(fc.double({ min: 90, max: 100, noNaN: true })),
        targetPct: fc.double({ min: 95, max: 100, noNaN: true }),
      }),
      { selector: (p) => `${p.contractId}/${p.period}` },
    ),
    openOrders: fc.constant([]),
    answers: fc.uniqueArray(
      fc.record({
        taskId: fc.string({ minLength: 1 }),
        score: fc.integer({ min: 0, max: 10 }),
        answeredAt: instant,
      }),
      { selector: (a) => a.taskId, maxLength: 10 },
    ),
  }),
  contracts: fc.uniqueArray(
    fc.record({
      contractId: fc.string({ minLength: 1, maxLength: 4 }),
      tenantId: fc.constant('t'),
      name: fc.constant('n'),
      assetIds: fc.constant([]),
      endsAt: fc.option(instant),
      periods: fc.constant([]),
    }),
    { selector: (c) => c.contractId, maxLength: 4 },
  ),
  repairs: fc.array(
    fc.record({
      tenantId: fc.constant('t'),
      assetId: fc.string({ minLength: 1, maxLength: 4 }),
      component: fc.option(fc.constantFrom('bearing', 'filter')),
      partNumber: fc.option(fc.constantFrom('P-1', 'P-2')),
      at: instant,
    }),
    { maxLength: 8 },
  ),
});

const reversed = (i: ChurnInputs): ChurnInputs => ({
  inputs: {
    ...i.inputs,
    assets: [...i.inputs.assets].reverse(),
    periods: [...i.inputs.periods].reverse(),
    answers: [...i.inputs.answers].reverse(),
  },
  contracts: [...i.contracts].reverse(),
  repairs: [...i.repairs].reverse(),
});

describe(churnSignals.name, () => {
  it('keeps points within 0 and the sum of all weights, and does not depend on input order', () => {
    const max = Object.values(DEFAULT_CHURN_WEIGHTS).reduce((s, w) => s + w, 0);
    fc.assert(
      fc.property(inputs, (i) => {
        const signals = churnSignals(i, DEFAULT_CHURN_WEIGHTS);
        const points = signals.reduce((s, x) => s + x.weight, 0);
        expect(points).toBeGreaterThanOrEqual(0);
        expect(points).toBeLessThanOrEqual(max);
        expect(new Set(signals.map((s) => s.kind)).size).toBe(signals.length);
        expect(churnSignals(reversed(i), DEFAULT_CHURN_WEIGHTS)).toEqual(signals);
      }),
      { seed: 15, numRuns: 400 },
    );
  });

  it('calls 5 points or more HIGH, 3-4 MEDIUM and less LOW', () => {
    expect([0, 2, 3, 4, 5, 12].map(churnRisk)).toEqual([
      'LOW',
      'LOW',
      'MEDIUM',
      'MEDIUM',
      'HIGH',
      'HIGH',
    ]);
  });
});
