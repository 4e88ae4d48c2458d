import {
  failureCodePath,
  type FailureCodeRepository,
  type Task,
  type TaskRepository,
} from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import { rankCases, type RankingOptions } from './case-ranking';
import type { CaseFilter, CaseRepository, ScopedCase } from './case.repository';
import {
  CaseLibraryError,
  type CaseHitRate,
  type CaseSuggestion,
  type Diagnosis,
  type ServiceCase,
} from './case.types';
import type { AssetTelemetryPort } from './case-library.ports';
import { diagnoseMetrics, hitRate } from './remote-diagnosis';
import { metricMoves, type PatternOptions } from './telemetry-pattern';

/** Settings of the case library; each has a documented default. */
export interface CaseLibraryOptions {
  /** Hours of telemetry before an order is raised that make its pattern (default 72). */
  lookbackHours?: number;
  /** At most this many samples per asset are read for a window, the newest (default 2,000). */
  samplesPerAsset?: number;
  /** At most this many other assets of the type make the fleet's normal range (default 20). */
  fleetAssets?: number;
  /** At most this many samples of each of them, the newest of the window (default 250). */
  fleetSamplesPerAsset?: number;
  /** At most this many cases (the newest of the type and component) are ranked (default 500). */
  casesRanked?: number;
  pattern?: PatternOptions;
  ranking?: RankingOptions;
}

type CountOptions =
  'lookbackHours' | 'samplesPerAsset' | 'fleetAssets' | 'fleetSamplesPerAsset' | 'casesRanked';

export const DEFAULT_CASE_LIBRARY_OPTIONS: Readonly<
  Required<Pick<CaseLibraryOptions, CountOptions>>
> = {
  lookbackHours: 72,
  samplesPerAsset: 2_000,
  fleetAssets: 20,
  fleetSamplesPerAsset: 250,
  casesRanked: 500,
};

/** What {@link CaseLibraryService} works with. */
export interface CaseLibraryDependencies {
  cases: CaseRepository;
  orders: TaskRepository;
  codes: FailureCodeRepository;
  telemetry: AssetTelemetryPort;
  /** The clock suggestions and diagnoses are stamped with (default `new Date()`). */
  now?: () => Date;
}

const HOUR_MS = 3_600_000;
const CLOSED = new Set(['DONE', 'CANCELLED']);

/**
 * The case library of issue 15: completed orders' failure reports become cases, open orders get a
 * ranked suggestion (stored with the order) and a remote diagnosis from stored telemetry.
 */
export class CaseLibraryService {
  private readonly o: Required<Pick<CaseLibraryOptions, CountOptions>> & CaseLibraryOptions;
  private readonly now: () => Date;

  constructor(
    private readonly deps: CaseLibraryDependencies,
    options: CaseLibraryOptions = {},
  ) {
    this.o = { ...DEFAULT_CASE_LIBRARY_OPTIONS, ...options };
    this.now = deps.now ?? (() => new Date());
  }

  /** Cases the scope reads (a partner anonymised), newest first. */
  list(
    scope: Scope,
    filter: CaseFilter,
    page: { limit: number; after?: number },
  ): Promise<ScopedCase[]> {
    return this.deps.cases.list(scope, filter, page);
  }

  /**
   * Makes the case of a completed order: its report's code split along the asset type's hierarchy,
   * and the pattern of the window before it was raised. Null for an order without a report or type.
   */
  async recordCompleted(order: Task): Promise<ServiceCase | null> {
    const report = order.failureReport;
    if (order.status !== 'DONE' || !report || !order.assetType || !order.completedAt) return null;
    const [problem, cause, remedy] = await this.codePath(
      order.assetType,
      order.component,
      report.failureCode,
    );
    return this.deps.cases.put({
      orderId: order.id,
      tenantId: order.tenantId,
      assetId: order.assetId,
      assetType: order.assetType,
      component: order.component,
      failureCode: report.failureCode,
      problem,
      cause,
      remedy,
      outcome: report.outcome,
      parts: report.parts,
      labourHours: report.labourHours,
      notes: order.outcome,
      pattern: await this.patternBefore(order),
      raisedAt: order.createdAt,
      completedAt: order.completedAt,
    });
  }

  /**
   * The suggestion stored with an order the scope sees; made (and stored) now when the order has
   * none, or when `refresh` is asked of an open order. NOT_FOUND when the scope does not see it.
   */
  async suggestion(scope: Scope, orderId: string, refresh = false): Promise<CaseSuggestion> {
    const order = await this.visibleOrder(scope, orderId);
    const stored = await this.deps.cases.suggestion(order.id);
    if (stored && (!refresh || CLOSED.has(order.status))) return stored;
    if (!stored && CLOSED.has(order.status))
      throw new CaseLibraryError(
        'CASE_ORDER_CLOSED',
        `order ${orderId} is closed and had no suggestion`,
      );
    return this.suggest(order);
  }

  /** Ranks the cases of the order's asset type and component against its pattern and stores it. */
  async suggest(order: Task): Promise<CaseSuggestion> {
    const assetType = order.assetType ?? 'unknown';
    const [cases, pattern] = await Promise.all([
      this.deps.cases.ofKind(assetType, order.component, this.o.casesRanked),
      this.patternBefore(order),
    ]);
    const ranking = rankCases(cases, pattern, this.o.ranking);
    const suggestion: CaseSuggestion = {
      orderId: order.id,
      assetType,
      component: order.component,
      ...ranking,
      pattern,
      computedAt: this.now().toISOString(),
    };
    await this.deps.cases.putSuggestion(order.tenantId, suggestion);
    return suggestion;
  }

  /**
   * The evidence behind an open order: from the lookback window before it was raised until now,
   * the metrics that moved and since when each is outside the fleet's 5th-95th percentile range
   * (the same window of up to `fleetAssets` other assets of the type).
   */
  async diagnosis(scope: Scope, orderId: string): Promise<Diagnosis> {
    const order = await this.visibleOrder(scope, orderId);
    if (CLOSED.has(order.status))
      throw new CaseLibraryError(
        'CASE_ORDER_CLOSED',
        `order ${orderId} is ${order.status}: its case is in the library`,
      );
    const assetType = order.assetType ?? 'unknown';
    const from = Date.parse(order.createdAt) - this.o.lookbackHours * HOUR_MS;
    const to = this.now().getTime() + 1;
    const { telemetry } = this.deps;
    const others = (await telemetry.assetsOfType(assetType, this.o.fleetAssets + 1))
      .filter((id) => id !== order.assetId)
      .slice(0, this.o.fleetAssets);
    const [own, ...fleet] = await Promise.all([
      telemetry.window(order.assetId, from, to, this.o.samplesPerAsset),
      ...others.map((id) => telemetry.window(id, from, to, this.o.fleetSamplesPerAsset)),
    ]);
    const moves = metricMoves(own, this.o.pattern);
    return {
      orderId: order.id,
      assetId: order.assetId,
      assetType,
      component: order.component,
      window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      fleetAssets: fleet.filter((rows) => rows.length > 0).length,
      metrics: diagnoseMetrics(own, fleet.flat(), moves),
    };
  }

  /** Suggested = reported over the completed orders the scope sees that had a suggestion first. */
  async hitRate(scope: Scope): Promise<CaseHitRate> {
    return hitRate(await this.deps.cases.suggestionOutcomes(scope));
  }

  private async visibleOrder(scope: Scope, orderId: string): Promise<Task> {
    const order = await this.deps.orders.get(scope, orderId);
    if (!order) throw new CaseLibraryError('NOT_FOUND', `task ${orderId} not found`);
    return order;
  }

  private async patternBefore(order: Task) {
    const to = Date.parse(order.createdAt);
    const from = to - this.o.lookbackHours * HOUR_MS;
    const points = await this.deps.telemetry.window(
      order.assetId,
      from,
      to,
      this.o.samplesPerAsset,
    );
    return metricMoves(points, this.o.pattern);
  }

  /** [problem, cause, remedy] of a reported code; a code no longer in the hierarchy stands as the problem. */
  private async codePath(
    assetType: string,
    component: string,
    code: string,
  ): Promise<[string, string | null, string | null]> {
    try {
      const path = failureCodePath(await this.deps.codes.list(assetType), component, code);
      return [path[1], path[2] ?? null, path[3] ?? null];
    } catch {
      return [code, null, null];
    }
  }
}
