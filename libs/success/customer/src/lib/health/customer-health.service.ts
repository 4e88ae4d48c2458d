import { tenantScope, scopeAllows, type Scope } from '@hourglass/platform-tenancy';
import type { NpsAnswer, NpsAnswerRepository } from '../nps/nps-answer.repository';
import { checkWeights, healthScore } from './health-score';
import type { CustomerContract, CustomerHealthPorts, OpenOrder } from './health.ports';
import {
  DEFAULT_HEALTH_WEIGHTS,
  type HealthAsset,
  type HealthInputs,
  type HealthScore,
  type HealthWeights,
} from './health.types';

const DAY_MS = 86_400_000;
/** Periods of availability the score reads (spec section 3: the last 3). */
export const AVAILABILITY_PERIODS = 3;

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
export interface CustomerHealthDependencies extends CustomerHealthPorts {
  /** NPS answers (this lib's `NpsAnswerRepository`). */
  answers: Pick<NpsAnswerRepository, 'answeredIn'>;
  clock?: () => number;
}

/** Options of {@link CustomerHealthService}. */
export interface CustomerHealthOptions {
  /** Component weights of this provider (default {@link DEFAULT_HEALTH_WEIGHTS}). */
  weights?: HealthWeights;
}

/** Everything read once for a scope, as of one instant. */
interface Portfolio {
  asOf: string;
  assets: HealthAsset[];
  tenantOf: Map<string, string>;
  orders: OpenOrder[];
  contracts: CustomerContract[];
  answers: NpsAnswer[];
}

/** Splits a portfolio into one per tenant, so scoring each customer reads only its own rows. */
function byTenant(p: Portfolio): Map<string, Portfolio> {
  const slices = new Map<string, Portfolio>();
  const slice = (tenantId: string | undefined) => {
    if (tenantId === undefined) return undefined;
    let s = slices.get(tenantId);
    if (!s) {
      s = {
        asOf: p.asOf,
        assets: [],
        tenantOf: p.tenantOf,
        orders: [],
        contracts: [],
        answers: [],
      };
      slices.set(tenantId, s);
    }
    return s;
  };
  for (const a of p.assets) slice(p.tenantOf.get(a.assetId))?.assets.push(a);
  for (const c of p.contracts) slice(c.tenantId)?.contracts.push(c);
  for (const o of p.orders) slices.get(o.tenantId)?.orders.push(o);
  for (const a of p.answers) slices.get(a.tenantId)?.answers.push(a);
  return slices;
}

/** The customer health score per customer and contract (spec section 3), from the owners' data through ports. */
export class CustomerHealthService {
  private readonly deps: CustomerHealthDependencies;
  private readonly weights: HealthWeights;
  private readonly clock: () => number;

  constructor(deps: CustomerHealthDependencies, options: CustomerHealthOptions = {}) {
    this.deps = deps;
    this.weights = checkWeights(options.weights ?? DEFAULT_HEALTH_WEIGHTS);
    this.clock = deps.clock ?? Date.now;
  }

  /** Every customer in `scope`, by tenant id. */
  async portfolio(scope: Scope): Promise<CustomerHealth[]> {
    const slices = byTenant(await this.load(scope));
    return [...slices.keys()].sort().map((t) => this.customerOf(slices.get(t)!, t));
  }

  /** One customer's health, or null when the caller may not see it or it has neither assets nor contracts. */
  async customer(scope: Scope, tenantId: string): Promise<CustomerHealth | null> {
    if (!scopeAllows(scope, tenantId)) return null;
    const p = await this.load(tenantScope(tenantId));
    if (p.assets.length === 0 && p.contracts.length === 0) return null;
    return this.customerOf(p, tenantId);
  }

  private async load(scope: Scope): Promise<Portfolio> {
    const nowMs = this.clock();
    const { fleet, risk, hours, orders, contracts } = this.deps;
    const registered = await fleet.assets(scope);
    const ids = registered.map((a) => a.assetId);
    const [elevated, recent, previous, open, held, answers] = await Promise.all([
      risk.elevated(ids),
      hours.hours(scope, ids, nowMs - 90 * DAY_MS, nowMs),
      hours.hours(scope, ids, nowMs - 180 * DAY_MS, nowMs - 90 * DAY_MS),
      orders.open(scope),
      contracts.contracts(scope, AVAILABILITY_PERIODS),
      this.deps.answers.answeredIn(
        scope,
        new Date(nowMs - 365 * DAY_MS).toISOString(),
        new Date(nowMs + 1).toISOString(),
      ),
    ]);
    return {
      asOf: new Date(nowMs).toISOString(),
      assets: registered.map((a) => ({
        assetId: a.assetId,
        lastSeen: a.lastSeen,
        elevatedRisk: elevated.has(a.assetId),
        hoursRecent: recent.get(a.assetId) ?? 0,
        hoursPrevious: previous.get(a.assetId) ?? 0,
      })),
      tenantOf: new Map(registered.map((a) => [a.assetId, a.tenantId])),
      orders: open,
      contracts: held,
      answers,
    };
  }

  /** `p` holds one tenant's data (see {@link byTenant}). */
  private customerOf(p: Portfolio, tenantId: string): CustomerHealth {
    const own = p.contracts.filter((c) => c.tenantId === tenantId);
    const inputs = this.inputs(p, (assetId) => p.tenantOf.get(assetId) === tenantId, own);
    return {
      tenantId,
      asOf: p.asOf,
      ...healthScore(inputs, this.weights),
      contracts: own.map((c) => {
        const covered = new Set(c.assetIds);
        return {
          contractId: c.contractId,
          name: c.name,
          ...healthScore(
            this.inputs(p, (assetId) => covered.has(assetId), [c]),
            this.weights,
          ),
        };
      }),
    };
  }

  private inputs(
    p: Portfolio,
    has: (assetId: string) => boolean,
    contracts: readonly CustomerContract[],
  ): HealthInputs {
    return {
      asOf: p.asOf,
      assets: p.assets.filter((a) => has(a.assetId)),
      periods: contracts.flatMap((c) =>
        c.periods.map((period) => ({ contractId: c.contractId, ...period })),
      ),
      openOrders: p.orders.filter((o) => has(o.assetId)),
      answers: p.answers.filter((a) => has(a.assetId)),
    };
  }
}
