import type { Scope } from '@hourglass/platform-tenancy';
import type { CustomerHealth, CustomerHealthService } from '../health/customer-health.service';
import type { HealthScore } from '../health/health.types';
import {
  customerValueOf,
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
  /** The provider's thresholds (this lib's `MatrixThresholdRepository`). */
  thresholds: { get(): Promise<{ thresholds: MatrixThresholds }> };
  clock?: () => number;
}

const availabilityOf = (h: HealthScore) =>
  h.components.find((c) => c.name === 'availability')?.score ?? null;

/** Service revenue / service cost, to 0.01; null without cost. */
const ratioOf = (e: Pick<ContractEconomics, 'revenue' | 'serviceCost'>) =>
  e.serviceCost > 0 ? Math.round((100 * e.revenue) / e.serviceCost) / 100 : null;

/**
 * Places each contract and customer in the strategic value matrix (spec section 8) over the last
 * 12 months, with the provider's thresholds. A partner's users see nothing: the matrix is about
 * customers and contracts, never assigned orders.
 */
export class ValueMatrixService {
  private readonly clock: () => number;

  constructor(private readonly deps: ValueMatrixDependencies) {
    this.clock = deps.clock ?? Date.now;
  }

  async matrix(scope: Scope): Promise<ValueMatrix> {
    const asOfMs = this.clock();
    const fromMs = asOfMs - 365 * DAY_MS;
    const { thresholds } = await this.deps.thresholds.get();
    const result: ValueMatrix = {
      asOf: new Date(asOfMs).toISOString(),
      from: new Date(fromMs).toISOString(),
      thresholds,
      items: [],
      customers: [],
      unplaced: [],
    };
    if (scope.kind === 'partner') return result;
    const [customers, economics] = await Promise.all([
      this.deps.health.portfolio(scope),
      this.deps.economics.economics(scope, fromMs, asOfMs),
    ]);
    const money = new Map(economics.map((e) => [e.contractId, e]));
    for (const customer of customers) this.placeCustomer(customer, money, result);
    return result;
  }

  /** Places `customer`'s contracts, then the customer, into `result`. */
  private placeCustomer(
    customer: CustomerHealth,
    money: ReadonlyMap<string, ContractEconomics>,
    result: ValueMatrix,
  ): void {
    const { tenantId } = customer;
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
        { contractId: c.contractId, tenantId, ...inputs },
        result.thresholds,
      );
      if (!place) {
        const reason =
          e.revenue > 0
            ? 'no health or availability inputs'
            : 'no service revenue in the last 12 months';
        result.unplaced.push({ contractId: c.contractId, tenantId, reason });
        continue;
      }
      const { contractId } = c;
      result.items.push({
        contractId,
        tenantId,
        ...place,
        inputs: { ...inputs, inputOutputRatio: ratioOf(e) },
      });
      placed.push({
        revenue: e.revenue,
        customerValue: customerValueOf(inputs) ?? 0,
        commercialValue: marginPctOf(e.revenue, e.serviceCost) ?? 0,
      });
    }
    const whole = placeCustomer(placed, result.thresholds);
    if (whole) {
      const revenue = placed.reduce((s, p) => s + p.revenue, 0);
      result.customers.push({ tenantId, revenue, ...whole });
    }
  }
}
