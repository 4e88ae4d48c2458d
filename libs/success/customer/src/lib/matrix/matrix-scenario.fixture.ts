import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { CustomerHealth } from '../health/customer-health.service';
import type {
  ContractInMatrix,
  ValueMatrix,
  ValueMatrixDependencies,
} from './value-matrix.service';
import type { MatrixThresholds, Quadrant } from './value-matrix';

const DIR = join(__dirname, '../fixtures/matrix-scenarios');

/** One value-matrix scenario file (expected values computed by hand in its description). */
export interface MatrixScenario {
  name: string;
  description: string;
  asOf: string;
  /** Each contract's health score, availability component, revenue and service cost. */
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
    unplaced: ValueMatrix['unplaced'];
  };
  changedThresholds: MatrixThresholds;
  /** The quadrant of each contract and customer with `changedThresholds`. */
  expectedWithChangedThresholds: {
    items: Record<string, Quadrant>;
    customers: Record<string, Quadrant>;
  };
}

/** Every value-matrix scenario, by file name. */
export function matrixScenarios(): MatrixScenario[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<MatrixScenario, 'name'>),
    }));
}

/** The scenario's contracts as the health service answers them (only what the matrix reads), scoped. */
function portfolio(s: MatrixScenario, scope: Scope): CustomerHealth[] {
  const tenants = [...new Set(s.contracts.map((c) => c.tenantId))].sort();
  return tenants
    .filter((t) => scopeAllows(scope, t))
    .map((tenantId) => ({
      tenantId,
      asOf: s.asOf,
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

/** Health and economics answering from the scenario, scoped like the real adapters. */
export function scenarioMatrixPorts(
  s: MatrixScenario,
): Pick<ValueMatrixDependencies, 'health' | 'economics' | 'clock'> {
  return {
    health: { portfolio: async (scope) => portfolio(s, scope) },
    economics: {
      economics: async (scope) => s.contracts.filter((c) => scopeAllows(scope, c.tenantId)),
    },
    clock: () => Date.parse(s.asOf),
  };
}

/** A matrix reduced to what a scenario states. */
export function matrixSummary(m: ValueMatrix): MatrixScenario['expected'] {
  const item = (i: ContractInMatrix) => ({
    contractId: i.contractId,
    customerValue: i.customerValue,
    commercialValue: i.commercialValue,
    quadrant: i.quadrant,
    inputOutputRatio: i.inputs.inputOutputRatio,
  });
  return {
    items: m.items.map(item),
    customers: m.customers.map(
      ({ tenantId, customerValue, commercialValue, quadrant, revenue }) => ({
        tenantId,
        customerValue,
        commercialValue,
        quadrant,
        revenue,
      }),
    ),
    unplaced: m.unplaced,
  };
}
