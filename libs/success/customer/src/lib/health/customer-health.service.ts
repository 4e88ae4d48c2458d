import { scopeAllows, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import {
  byTenant,
  PortfolioReader,
  type PortfolioLoader,
  subjectsOf,
  type Portfolio,
  type PortfolioDependencies,
} from '../portfolio/portfolio.reader';
import { checkWeights, healthScore } from './health-score';
import { DEFAULT_HEALTH_WEIGHTS, type HealthScore, type HealthWeights } from './health.types';

/** The health of one contract of a customer. */
export interface ContractHealthScore extends HealthScore {
  contractId: string;
  name: string;
}

/** The health of a customer (a tenant) and of each of its contracts. */
export interface CustomerHealth extends HealthScore {
  tenantId: string;
  asOf: string;
  contracts: ContractHealthScore[];
}

/** What {@link CustomerHealthService} reads. */
export interface CustomerHealthDependencies extends PortfolioDependencies {
  clock?: () => number;
}

/** Options of {@link CustomerHealthService}. */
export interface CustomerHealthOptions {
  /** Component weights of this provider (default {@link DEFAULT_HEALTH_WEIGHTS}). */
  weights?: HealthWeights;
}

/** The customer health score per customer and contract (spec section 3), from the owners' data through ports. */
export class CustomerHealthService {
  private readonly reader: PortfolioLoader;
  private readonly weights: HealthWeights;
  private readonly clock: () => number;

  constructor(deps: CustomerHealthDependencies, options: CustomerHealthOptions = {}) {
    this.reader = deps.portfolios ?? new PortfolioReader(deps);
    this.weights = checkWeights(options.weights ?? DEFAULT_HEALTH_WEIGHTS);
    this.clock = deps.clock ?? Date.now;
  }

  /** Every customer in `scope`, by tenant id. */
  async portfolio(scope: Scope): Promise<CustomerHealth[]> {
    const slices = byTenant(await this.reader.load(scope, this.clock()));
    return [...slices.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, slice]) => this.customerOf(slice, t));
  }

  /** One customer's health, or null when the caller may not see it or it has neither assets nor contracts. */
  async customer(scope: Scope, tenantId: string): Promise<CustomerHealth | null> {
    if (!scopeAllows(scope, tenantId)) return null;
    const p = await this.reader.load(tenantScope(tenantId), this.clock());
    if (p.assets.length === 0 && p.contracts.length === 0) return null;
    return this.customerOf(p, tenantId);
  }

  /** `p` holds one tenant's data (see {@link byTenant}). */
  private customerOf(p: Portfolio, tenantId: string): CustomerHealth {
    const { customer, contracts } = subjectsOf(p, tenantId);
    return {
      tenantId,
      asOf: p.asOf,
      ...healthScore(customer.inputs, this.weights),
      contracts: contracts.flatMap((s) =>
        s.contract
          ? [
              {
                contractId: s.contract.contractId,
                name: s.contract.name,
                ...healthScore(s.inputs, this.weights),
              },
            ]
          : [],
      ),
    };
  }
}
