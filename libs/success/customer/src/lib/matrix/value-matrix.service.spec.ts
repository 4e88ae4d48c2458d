import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import type { CustomerHealth } from '../health/customer-health.service';
import {
  DEFAULT_MATRIX_THRESHOLDS,
  placeCustomer,
  quadrantOf,
  QUADRANT_MOVES,
} from './value-matrix';
import { ValueMatrixService } from './value-matrix.service';

interface MatrixScenario {
  contracts: Array<{
    contractId: string;
    tenantId: string;
    health: number | null;
    availability: number | null;
    revenue: number;
    serviceCost: number;
  }>;
  expected: {
    items: Array<Record<string, unknown>>;
    customers: Array<Record<string, unknown>>;
    unplaced: Array<Record<string, unknown>>;
  };
}

const DIR = join(__dirname, '../fixtures/matrix-scenarios');
const scenarios = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8')) as MatrixScenario] as const);

/** The scenario's contracts as the health service would answer them (only the fields the matrix reads). */
function portfolio(s: MatrixScenario): CustomerHealth[] {
  const tenants = [...new Set(s.contracts.map((c) => c.tenantId))].sort();
  return tenants.map((tenantId) => ({
    tenantId,
    asOf: '2026-06-30T00:00:00.000Z',
    score: null,
    band: null,
    components: [],
    contracts: s.contracts
      .filter((c) => c.tenantId === tenantId)
      .map((c) => ({
        contractId: c.contractId,
        name: c.contractId,
        score: c.health,
        band: null,
        components: [{ name: 'availability', score: c.availability, weight: 25, inputs: {} }],
      })),
  }));
}

describe.each(scenarios)(`${ValueMatrixService.name} scenario %s`, (_name, s) => {
  it('places every contract and customer as computed by hand, with the move of its quadrant', async () => {
    const sut = new ValueMatrixService({
      health: { portfolio: async () => portfolio(s) },
      economics: { economics: async () => s.contracts },
      clock: () => Date.parse('2026-06-30T00:00:00Z'),
    });
    const m = await sut.matrix(PROVIDER_SCOPE);
    expect(
      m.items.map((i) => ({
        contractId: i.contractId,
        customerValue: i.customerValue,
        commercialValue: i.commercialValue,
        quadrant: i.quadrant,
        inputOutputRatio: i.inputs.inputOutputRatio,
      })),
    ).toEqual(s.expected.items);
    expect(
      m.customers.map(({ tenantId, customerValue, commercialValue, quadrant, revenue }) => ({
        tenantId,
        customerValue,
        commercialValue,
        quadrant,
        revenue,
      })),
    ).toEqual(s.expected.customers);
    expect(m.unplaced).toEqual(s.expected.unplaced);
    for (const i of m.items) expect(i.move).toBe(QUADRANT_MOVES[i.quadrant]);
  });
});

describe(placeCustomer.name, () => {
  it('keeps the customer value within its contracts and does not depend on their order', () => {
    const contract = fc.record({
      revenue: fc.integer({ min: 1, max: 1_000_000 }),
      customerValue: fc.double({ min: 0, max: 100, noNaN: true }),
      commercialValue: fc.double({ min: -200, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(contract, { minLength: 1, maxLength: 20 }), (contracts) => {
        const placed = placeCustomer(contracts, DEFAULT_MATRIX_THRESHOLDS)!;
        const values = contracts.map((c) => c.customerValue);
        expect(placed.customerValue).toBeGreaterThanOrEqual(
          Math.floor(Math.min(...values) * 10) / 10,
        );
        expect(placed.customerValue).toBeLessThanOrEqual(Math.ceil(Math.max(...values) * 10) / 10);
        expect(placeCustomer([...contracts].reverse(), DEFAULT_MATRIX_THRESHOLDS)).toEqual(placed);
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('puts a point on a threshold on the high side', () => {
    expect(quadrantOf(60, 20, DEFAULT_MATRIX_THRESHOLDS)).toBe('GROWTH_ENGINE');
    expect(quadrantOf(59.9, 19.9, DEFAULT_MATRIX_THRESHOLDS)).toBe('COST_RUIN');
  });
});
