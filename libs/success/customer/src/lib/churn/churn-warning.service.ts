import { scopeAllows, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import {
  byTenant,
  PortfolioReader,
  type PortfolioLoader,
  subjectsOf,
  type PortfolioDependencies,
  type Subject,
} from '../portfolio/portfolio.reader';
import { churnRisk, churnSignals } from './churn-signals';
import { DEFAULT_CHURN_WEIGHTS, type ChurnWarning, type ChurnWeights } from './churn.types';

/** What {@link ChurnWarningService} reads. */
export interface ChurnWarningDependencies extends PortfolioDependencies {
  clock?: () => number;
}

/** Churn warnings per customer and contract (spec section 5), from the owners' data through ports. */
export class ChurnWarningService {
  private readonly reader: PortfolioLoader;
  private readonly clock: () => number;

  constructor(
    deps: ChurnWarningDependencies,
    private readonly weights: ChurnWeights = DEFAULT_CHURN_WEIGHTS,
  ) {
    this.reader = deps.portfolios ?? new PortfolioReader(deps);
    this.clock = deps.clock ?? Date.now;
  }

  /**
   * The warnings in `scope` (only `tenantId`'s when given): every customer and contract with at
   * least one signal, highest points first (then tenant, customer before its contracts, contract id).
   */
  async warnings(scope: Scope, tenantId?: string): Promise<ChurnWarning[]> {
    if (tenantId !== undefined && !scopeAllows(scope, tenantId)) return [];
    const p = await this.reader.load(
      tenantId === undefined ? scope : tenantScope(tenantId),
      this.clock(),
    );
    const warnings: ChurnWarning[] = [];
    for (const [tenant, slice] of byTenant(p)) {
      const { customer, contracts } = subjectsOf(slice, tenant);
      for (const s of [customer, ...contracts]) {
        const w = this.warningOf(s, p.asOf);
        if (w) warnings.push(w);
      }
    }
    return warnings.sort(
      (a, b) =>
        b.points - a.points ||
        a.tenantId.localeCompare(b.tenantId) ||
        (a.contractId ?? '').localeCompare(b.contractId ?? ''),
    );
  }

  private warningOf(s: Subject, asOf: string): ChurnWarning | null {
    const signals = churnSignals(s, this.weights);
    if (signals.length === 0) return null;
    const points = signals.reduce((sum, x) => sum + x.weight, 0);
    return {
      tenantId: s.tenantId,
      contractId: s.contract?.contractId ?? null,
      asOf,
      risk: churnRisk(points),
      points,
      signals,
    };
  }
}
