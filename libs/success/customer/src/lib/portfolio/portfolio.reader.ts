import type { Scope } from '@hourglass/platform-tenancy';
import type { NpsAnswer, NpsAnswerRepository } from '../nps/nps-answer.repository';
import type { HealthAsset, HealthInputs } from '../health/health.types';
import {
  NO_FOREIGN_REPAIRS,
  type CustomerContract,
  type CustomerHealthPorts,
  type ForeignRepair,
  type OpenOrder,
} from './portfolio.ports';

const DAY_MS = 86_400_000;
/** Periods of availability the figures read (spec sections 3 and 5: the last 3). */
export const AVAILABILITY_PERIODS = 3;

/** Everything the customer-success figures read for a scope, as of one instant. */
export interface Portfolio {
  asOf: string;
  assets: HealthAsset[];
  tenantOf: ReadonlyMap<string, string>;
  orders: OpenOrder[];
  contracts: CustomerContract[];
  /** NPS answers of the last 365 days up to `asOf`. */
  answers: NpsAnswer[];
  /** Repairs done elsewhere in the last 90 days. */
  repairs: ForeignRepair[];
}

/** What a {@link PortfolioReader} reads: the other domains through ports, and the NPS answers. */
export interface PortfolioDependencies extends CustomerHealthPorts {
  /** NPS answers (this lib's `NpsAnswerRepository`). */
  answers: Pick<NpsAnswerRepository, 'answeredIn'>;
  /**
   * Where the services load portfolios from (default: a reader of their own). Services given one
   * {@link PortfolioPass} share each load of a pass (one scope, one instant).
   */
  portfolios?: PortfolioLoader;
}

/** Loads the {@link Portfolio} of a scope as of an instant. */
export interface PortfolioLoader {
  load(scope: Scope, nowMs: number): Promise<Portfolio>;
}

/** One subject of the figures: a customer (tenant) or one of its contracts. */
export interface Subject {
  tenantId: string;
  /** Null for the customer as a whole. */
  contract: CustomerContract | null;
  /** The customer's contracts, or the one contract. */
  contracts: readonly CustomerContract[];
  inputs: HealthInputs;
  repairs: readonly ForeignRepair[];
}

/** Reads a {@link Portfolio}: one call per port for the whole scope, never one per customer. */
export class PortfolioReader implements PortfolioLoader {
  constructor(private readonly deps: PortfolioDependencies) {}

  async load(scope: Scope, nowMs: number): Promise<Portfolio> {
    const { fleet, risk, hours, orders, contracts, answers } = this.deps;
    const registered = await fleet.assets(scope);
    const ids = registered.map((a) => a.assetId);
    const repairs = this.deps.repairs ?? NO_FOREIGN_REPAIRS;
    const windows = [
      { fromMs: nowMs - 90 * DAY_MS, toMs: nowMs },
      { fromMs: nowMs - 180 * DAY_MS, toMs: nowMs - 90 * DAY_MS },
    ];
    const [elevated, [recent, previous], open, held, answered, elsewhere] = await Promise.all([
      risk.elevated(ids),
      hours.hoursInWindows
        ? hours.hoursInWindows(scope, ids, windows)
        : Promise.all(windows.map((w) => hours.hours(scope, ids, w.fromMs, w.toMs))),
      orders.open(scope),
      contracts.contracts(scope, AVAILABILITY_PERIODS),
      answers.answeredIn(
        scope,
        new Date(nowMs - 365 * DAY_MS).toISOString(),
        new Date(nowMs + 1).toISOString(),
      ),
      repairs.repairs(scope, nowMs - 90 * DAY_MS, nowMs + 1),
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
      answers: answered,
      repairs: elsewhere,
    };
  }
}

/**
 * One load per scope and instant: health, churn and the matrix of a whole-book pass (the same
 * clock reading) share the inputs instead of reading the book three times. Holds the latest load
 * only; a new scope or instant reads afresh. The portfolio is not to be changed by its users.
 */
export class PortfolioPass implements PortfolioLoader {
  private last: { key: string; portfolio: Promise<Portfolio> } | null = null;

  constructor(private readonly reader: PortfolioLoader) {}

  load(scope: Scope, nowMs: number): Promise<Portfolio> {
    const key = JSON.stringify([scope, nowMs]);
    if (this.last?.key !== key) {
      const portfolio = this.reader.load(scope, nowMs);
      // A failed load is not kept: the next call reads again.
      portfolio.catch(() => {
        if (this.last?.portfolio === portfolio) this.last = null;
      });
      this.last = { key, portfolio };
    }
    return this.last.portfolio;
  }
}

/** Splits a portfolio into one per tenant, so each customer's figures read only its own rows. */
export function byTenant(p: Portfolio): Map<string, Portfolio> {
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
        repairs: [],
      };
      slices.set(tenantId, s);
    }
    return s;
  };
  for (const a of p.assets) slice(p.tenantOf.get(a.assetId))?.assets.push(a);
  for (const c of p.contracts) slice(c.tenantId)?.contracts.push(c);
  for (const o of p.orders) slices.get(o.tenantId)?.orders.push(o);
  for (const a of p.answers) slices.get(a.tenantId)?.answers.push(a);
  for (const r of p.repairs) slices.get(r.tenantId)?.repairs.push(r);
  return slices;
}

function inputsOf(
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

function subject(
  p: Portfolio,
  tenantId: string,
  contract: CustomerContract | null,
  contracts: readonly CustomerContract[],
  has: (assetId: string) => boolean,
): Subject {
  return {
    tenantId,
    contract,
    contracts,
    inputs: inputsOf(p, has, contracts),
    repairs: p.repairs.filter((r) => has(r.assetId)),
  };
}

/** The customer `tenantId` of a one-tenant slice, then each of its contracts (by the assets it covers now). */
export function subjectsOf(
  p: Portfolio,
  tenantId: string,
): { customer: Subject; contracts: Subject[] } {
  const own = p.contracts.filter((c) => c.tenantId === tenantId);
  return {
    customer: subject(p, tenantId, null, own, (id) => p.tenantOf.get(id) === tenantId),
    contracts: own.map((c) => {
      const covered = new Set(c.assetIds);
      return subject(p, tenantId, c, [c], (id) => covered.has(id));
    }),
  };
}
