import type { Scope } from '@hourglass/platform-tenancy';
import type { CustomerHealthService } from '../health/customer-health.service';
import type { HealthScore } from '../health/health.types';
import {
  customerValueOf,
  DEFAULT_MATRIX_THRESHOLDS,
  marginPctOf,
  placeContract,
  placeCustomer,
  type MatrixPlacement,
  type MatrixThresholds,
} from './value-matrix';

const DAY_MS = 86_400_000;

/** Service revenue and service cost of a contract over a window (billing and maintenance, through an adapter). */
export interface ContractEconomics {
  contractId: string;
  revenue: number;
  serviceCost: number;
}

/** Revenue and cost per contract in `scope` over `[fromMs, toMs]`. */
export interface ContractEconomicsPort {
  economics(scope: Scope, fromMs: number, toMs: number): Promise<ContractEconomics[]>;
}

/** A contract in the matrix with the inputs of both axes. */
export interface ContractInMatrix extends MatrixPlacement {
  contractId: string;
  tenantId: string;
  inputs: {
    health: number | null;
    availability: number | null;
    revenue: number;
    serviceCost: number;
    /** Service revenue / service cost; null without cost. */
    inputOutputRatio: number | null;
  };
}

/** The strategic value matrix of a scope (spec section 8). */
export interface ValueMatrix {
  asOf: string;
  from: string;
  thresholds: MatrixThresholds;
  /** One per placed contract. */
  items: ContractInMatrix[];
  /** Per customer: the revenue-weighted mean of its contracts. */
  customers: Array<MatrixPlacement & { tenantId: string; revenue: number }>;
  /** Contracts without an axis: no health or availability inputs, or no revenue in the window. */
  unplaced: Array<{ contractId: string; tenantId: string; reason: string }>;
}

/** What {@link ValueMatrixService} reads. */
export interface ValueMatrixDependencies {
  health: Pick<CustomerHealthService, 'portfolio'>;
  economics: ContractEconomicsPort;
  clock?: () => number;
}

const availabilityOf = (h: HealthScore) =>
  h.components.find((c) => c.name === 'availability')?.score ?? null;

/** Places each contract and customer in the strategic value matrix over the last 12 months. */
export class ValueMatrixService {
  private readonly clock: () => number;

  constructor(
    private readonly deps: ValueMatrixDependencies,
    private readonly thresholds: MatrixThresholds = DEFAULT_MATRIX_THRESHOLDS,
  ) {
    this.clock = deps.clock ?? Date.now;
  }

  async matrix(scope: Scope): Promise<ValueMatrix> {
    const asOfMs = this.clock();
    const fromMs = asOfMs - 365 * DAY_MS;
    const [customers, economics] = await Promise.all([
      this.deps.health.portfolio(scope),
      this.deps.economics.economics(scope, fromMs, asOfMs),
    ]);
    const money = new Map(economics.map((e) => [e.contractId, e]));
    const result: ValueMatrix = {
      asOf: new Date(asOfMs).toISOString(),
      from: new Date(fromMs).toISOString(),
      thresholds: this.thresholds,
      items: [],
      customers: [],
      unplaced: [],
    };
    for (const customer of customers) {
      const placed = [];
      for (const c of customer.contracts) {
        const e = money.get(c.contractId) ?? { revenue: 0, serviceCost: 0 };
        const inputs = {
          health: c.score,
          availability: availabilityOf(c),
          revenue: e.revenue,
          serviceCost: e.serviceCost,
        };
        const place = placeContract(
          { contractId: c.contractId, tenantId: customer.tenantId, ...inputs },
          this.thresholds,
        );
        if (!place) {
          const reason =
            e.revenue > 0
              ? 'no health or availability inputs'
              : 'no service revenue in the last 12 months';
          result.unplaced.push({ contractId: c.contractId, tenantId: customer.tenantId, reason });
          continue;
        }
        result.items.push({
          contractId: c.contractId,
          tenantId: customer.tenantId,
          ...place,
          inputs: {
            ...inputs,
            inputOutputRatio:
              e.serviceCost > 0 ? Math.round((100 * e.revenue) / e.serviceCost) / 100 : null,
          },
        });
        placed.push({
          revenue: e.revenue,
          customerValue: customerValueOf(inputs) ?? 0,
          commercialValue: marginPctOf(e.revenue, e.serviceCost) ?? 0,
        });
      }
      const whole = placeCustomer(placed, this.thresholds);
      if (whole)
        result.customers.push({
          tenantId: customer.tenantId,
          revenue: placed.reduce((s, p) => s + p.revenue, 0),
          ...whole,
        });
    }
    return result;
  }
}
