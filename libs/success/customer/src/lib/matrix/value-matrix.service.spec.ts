import fc from 'fast-check';
import { partnerScope, PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import {
  DEFAULT_MATRIX_THRESHOLDS,
  parseMatrixThresholds,
  placeCustomer,
  quadrantOf,
  QUADRANT_MOVES,
  type MatrixThresholds,
} from './value-matrix';
import { ValueMatrixService } from './value-matrix.service';
import { matrixScenarios, matrixSummary, scenarioMatrixPorts } from './matrix-scenario.fixture';

const fixed = (thresholds: MatrixThresholds) => ({ get: async () => ({ thresholds }) });

describe.each(matrixScenarios().map((s) => [s.name, s] as const))(
  `${ValueMatrixService.name} scenario %s`,
  (_name, s) => {
    const sut = (thresholds = DEFAULT_MATRIX_THRESHOLDS) =>
      new ValueMatrixService({ ...scenarioMatrixPorts(s), thresholds: fixed(thresholds) });

    it('places every contract and customer as computed by hand, with the move of its quadrant', async () => {
      const m = await sut().matrix(PROVIDER_SCOPE);
      expect(matrixSummary(m)).toEqual(s.expected);
      expect(m.thresholds).toEqual({ customerValue: 60, marginPct: 20 });
      for (const p of [...m.items, ...m.customers]) expect(p.move).toBe(QUADRANT_MOVES[p.quadrant]);
    });

    it('moves contracts and customers across changed thresholds', async () => {
      const m = await sut(s.changedThresholds).matrix(PROVIDER_SCOPE);
      expect({
        items: Object.fromEntries(m.items.map((i) => [i.contractId, i.quadrant])),
        customers: Object.fromEntries(m.customers.map((c) => [c.tenantId, c.quadrant])),
      }).toEqual(s.expectedWithChangedThresholds);
    });

    it("shows a customer its own rows and a partner's users nothing", async () => {
      const own = s.expected.customers[0].tenantId as string;
      const m = await sut().matrix(tenantScope(own));
      expect(m.customers).toEqual([expect.objectContaining({ tenantId: own })]);
      expect(m.items.length).toBeGreaterThan(0);
      expect(m.items.every((i) => i.tenantId === own)).toBe(true);
      // Even when the owners' adapters answer a partner with the tenants of its assigned assets.
      const ports = scenarioMatrixPorts(s);
      const wide = new ValueMatrixService({
        health: { portfolio: () => ports.health.portfolio(PROVIDER_SCOPE) },
        economics: {
          economics: (_scope, from, to) => ports.economics.economics(PROVIDER_SCOPE, from, to),
        },
        thresholds: fixed(DEFAULT_MATRIX_THRESHOLDS),
      });
      const seen = await wide.matrix(partnerScope('p-north', { orderIds: ['o'], assetIds: ['a'] }));
      expect([seen.items, seen.customers, seen.unplaced]).toEqual([[], [], []]);
    });
  },
);

describe(placeCustomer.name, () => {
  const contract = fc.record({
    revenue: fc.integer({ min: 1, max: 1_000_000 }),
    customerValue: fc.double({ min: 0, max: 100, noNaN: true }),
    commercialValue: fc.double({ min: -200, max: 100, noNaN: true }),
  });

  it('keeps both axes within its contracts and does not depend on their order', () => {
    fc.assert(
      fc.property(
        fc
          .array(contract, { minLength: 1, maxLength: 20 })
          .chain((cs) =>
            fc.tuple(
              fc.constant(cs),
              fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }),
            ),
          ),
        ([contracts, shuffled]) => {
          const placed = placeCustomer(contracts, DEFAULT_MATRIX_THRESHOLDS);
          if (!placed) throw new Error('a customer with revenue is placed');
          for (const axis of ['customerValue', 'commercialValue'] as const) {
            const values = contracts.map((c) => c[axis]);
            expect(placed[axis]).toBeGreaterThanOrEqual(Math.floor(Math.min(...values) * 10) / 10);
            expect(placed[axis]).toBeLessThanOrEqual(Math.ceil(Math.max(...values) * 10) / 10);
          }
          expect(placeCustomer(shuffled, DEFAULT_MATRIX_THRESHOLDS)).toEqual(placed);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });

  it('sums in one order, so a mean on a threshold lands on the same side whatever the input order', () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in this order and 0.6 from the other end: a mean of
    // 0.2 or just under, against a margin threshold of 0.2.
    const t = { customerValue: 60, marginPct: 0.2 };
    const contracts = [0.1, 0.2, 0.3].map((m) => ({
      revenue: 1,
      customerValue: 70,
      commercialValue: m,
    }));
    const quadrants = [contracts, [...contracts].reverse()].map(
      (cs) => placeCustomer(cs, t)?.quadrant,
    );
    expect(quadrants).toEqual(['GROWTH_ENGINE', 'GROWTH_ENGINE']);
  });

  it('puts a point on a threshold on the high side', () => {
    expect(quadrantOf(60, 20, DEFAULT_MATRIX_THRESHOLDS)).toBe('GROWTH_ENGINE');
    expect(quadrantOf(59.9, 19.9, DEFAULT_MATRIX_THRESHOLDS)).toBe('COST_RUIN');
    expect(quadrantOf(60, 19.9, DEFAULT_MATRIX_THRESHOLDS)).toBe('VALUE_ISLAND');
    expect(quadrantOf(59.9, 20, DEFAULT_MATRIX_THRESHOLDS)).toBe('PROFIT_EXTRACTOR');
  });
});

describe(parseMatrixThresholds.name, () => {
  it('takes both thresholds within their ranges and refuses anything else', () => {
    expect(parseMatrixThresholds({ customerValue: 70, marginPct: -5 })).toEqual({
      customerValue: 70,
      marginPct: -5,
    });
    for (const bad of [
      null,
      [],
      { customerValue: 70 },
      { customerValue: 101, marginPct: 20 },
      { customerValue: 60, marginPct: 120 },
      { customerValue: '60', marginPct: 20 },
      { customerValue: 60, marginPct: 20, health: 1 },
    ])
      expect(() => parseMatrixThresholds(bad)).toThrow(
        expect.objectContaining({ code: 'SUCCESS_INVALID' }),
      );
  });
});
