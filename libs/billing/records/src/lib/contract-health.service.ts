import Decimal from 'decimal.js';
import {
  minorUnitDigits,
  periodContaining,
  type CategoryOverride,
  type RatingResult,
} from '@hourglass/billing-uptime';
import type { Scope } from '@hourglass/platform-tenancy';
import type { BillingRunService, PreparedPeriod } from './billing-run.service';
import type { BillingStores } from './billing-stores';
import { shiftPeriodId } from './billing-lifecycle';
import { microsToIso } from './billing-time';
import type { AssetRiskPort, TaskCostPort } from './contract-health.ports';

/** Options of {@link ContractHealthService}. */
export interface ContractHealthOptions {
  /** Risk threshold for asset types without a warning policy (the alerts' HG_RISK_THRESHOLD). Default 0.5. */
  defaultThreshold?: number;
  /** Periods in the trend and the margin, the current one included. Default 6. */
  periods?: number;
  /** At-risk assets re-rated one by one (the most likely to fail first). Default 20. */
  maxWhatIfAssets?: number;
}

/** What {@link ContractHealthService} reads: billing's stores and runs, and the risk and task-cost ports. */
export interface ContractHealthDependencies {
  stores: BillingStores;
  billing: BillingRunService;
  /** Risk scores and warning thresholds of covered assets (risk and maintenance domains). */
  risk: AssetRiskPort;
  /** Costs of completed tasks (maintenance domain). */
  taskCosts: TaskCostPort;
}

/** An asset whose failure probability is at or above its warning threshold, and what its failure would cost in credits. */
export interface AssetAtRisk {
  assetId: string;
  type: string;
  probability: number;
  threshold: number;
  rul: number;
  /** Extra SLA credit this period if the asset is down (FORCED_OUTAGE) from now to the period end. */
  creditIfFails: string;
}

/** The health of a contract: this period so far, the trend, the risk to the SLA and the service margin. */
export interface ContractHealth {
  contractId: string;
  /** `TERMINATED` once an end was recorded; after it, the figures are those of the contract's last period, as of its end. */
  status: 'ACTIVE' | 'TERMINATED';
  endsAt: string | null;
  asOf: string;
  currency: string;
  current: {
    period: string;
    availability: string;
    availabilityPct: string;
    targetPct: string;
    meetsTarget: boolean;
    completeness: string;
    runHours: string;
    creditSoFar: string;
  };
  trend: Array<{
    period: string;
    status: string;
    revision: number;
    availabilityPct: string;
    total: string;
  }>;
  atRisk: AssetAtRisk[];
  /** Extra credit if every listed asset fails now, and the same weighted by each one's probability (sum over assets). */
  creditIfAllAtRiskFail: string;
  expectedCredit: string;
  margin: {
    from: string;
    to: string;
    revenue: string;
    taskCost: string;
    completedTasks: number;
    margin: string;
    marginPct: string | null;
  };
}

const creditOf = (r: RatingResult) =>
  r.charges.lines
    .filter((l) => l.kind === 'SLA_CREDIT')
    .reduce((s, l) => s.plus(l.amount), new Decimal(0))
    .neg();

/** Computes {@link ContractHealth} from stored runs, a live rating of the current period, risk scores and tasks. */
export class ContractHealthService {
  private readonly stores: BillingStores;
  private readonly billing: BillingRunService;
  private readonly risk: AssetRiskPort;
  private readonly taskCosts: TaskCostPort;
  private readonly options: ContractHealthOptions;

  constructor(deps: ContractHealthDependencies, options: ContractHealthOptions = {}) {
    this.stores = deps.stores;
    this.billing = deps.billing;
    this.risk = deps.risk;
    this.taskCosts = deps.taskCosts;
    this.options = options;
  }

  async health(scope: Scope, contractId: string, requestedMs: number): Promise<ContractHealth> {
    const contract = await this.stores.contracts.get(scope, contractId);
    // An ended contract has nothing left to rate after its end: its health is that of its last period, as of the end.
    const endMs = contract?.endsAt ? Date.parse(contract.endsAt) : null;
    const ended = endMs !== null && requestedMs >= endMs;
    const nowMs = ended ? endMs : requestedMs;
    const periodId = periodContaining(contract?.tz ?? 'UTC', ended ? endMs - 1 : nowMs).id;
    // So far: the period rated to now. What-if ratings need the rest of the month too (read once for both);
    // an ended contract has nothing left at risk.
    const { toDate: prepared, whole: full } = ended
      ? { toDate: await this.billing.prepare(scope, contractId, periodId, nowMs), whole: null }
      : await this.billing.prepareToDateAndWhole(scope, contractId, periodId, nowMs);
    const base = this.billing.rateOnly(prepared, { keepIntervals: false });
    const digits = minorUnitDigits(prepared.terms.currency);
    const baseCredit = creditOf(base);
    const atRisk = full ? await this.atRisk(full, nowMs, baseCredit, digits) : [];
    const all =
      full && atRisk.length
        ? creditOf(
            this.whatIf(
              full,
              atRisk.map((a) => a.assetId),
              nowMs,
            ),
          ).minus(baseCredit)
        : new Decimal(0);
    const expected = atRisk.reduce(
      (s, a) => s.plus(new Decimal(a.creditIfFails).mul(a.probability)),
      new Decimal(0),
    );
    const n = this.options.periods ?? 6;
    const trend = (await this.stores.runs.latestPerPeriod(scope, contractId, n)).map((r) => ({
      period: r.period,
      status: r.status,
      revision: r.revision,
      availabilityPct: r.figures.availabilityPct,
      total: r.total,
    }));
    const f = base.figures;
    return {
      contractId,
      status: contract?.status ?? 'ACTIVE',
      endsAt: contract?.endsAt ?? null,
      asOf: new Date(nowMs).toISOString(),
      currency: prepared.terms.currency,
      current: {
        period: periodId,
        availability: f.availability,
        availabilityPct: f.availabilityPct,
        targetPct: new Decimal(prepared.terms.slaTarget).mul(100).toFixed(),
        meetsTarget: f.noRequiredTime || new Decimal(f.availability).gte(prepared.terms.slaTarget),
        completeness: f.completeness,
        runHours: f.runHours,
        creditSoFar: baseCredit.toFixed(digits),
      },
      trend,
      atRisk,
      creditIfAllAtRiskFail: all.toFixed(digits),
      expectedCredit: expected.toFixed(digits, Decimal.ROUND_HALF_UP),
      margin: await this.margin(
        scope,
        prepared,
        trend,
        shiftPeriodId(periodId, 1 - n),
        nowMs,
        digits,
      ),
    };
  }

  private async atRisk(
    prepared: PreparedPeriod,
    nowMs: number,
    baseCredit: Decimal,
    digits: number,
  ): Promise<AssetAtRisk[]> {
    const ids = prepared.input.assets.map((a) => a.assetId);
    const rows = await this.risk.atRisk(
      ids,
      this.options.defaultThreshold ?? 0.5,
      this.options.maxWhatIfAssets ?? 20,
    );
    return rows.map((r) => ({
      assetId: r.assetId,
      type: r.type,
      probability: r.probability,
      threshold: r.threshold,
      rul: r.rul,
      creditIfFails: creditOf(this.whatIf(prepared, [r.assetId], nowMs))
        .minus(baseCredit)
        .toFixed(digits),
    }));
  }

  /** Re-rates the whole period with the assets' time from now to the period end as FORCED_OUTAGE. */
  private whatIf(
    prepared: PreparedPeriod,
    assetIds: readonly string[],
    nowMs: number,
  ): RatingResult {
    const { period } = prepared;
    const fromUs = Math.max(period.startUs, Math.min(nowMs * 1000, period.endUs));
    const extra: CategoryOverride[] =
      fromUs >= period.endUs
        ? []
        : assetIds.map((assetId) => ({
            id: `what-if:${assetId}`,
            assetId,
            startUs: fromUs,
            endUs: period.endUs,
            category: 'FORCED_OUTAGE',
            reason: 'fails now',
            author: 'health',
          }));
    return this.billing.rateOnly(
      {
        ...prepared,
        input: { ...prepared.input, overrides: [...prepared.input.overrides, ...extra] },
      },
      { keepIntervals: false },
    );
  }

  /**
   * Billed revenue of the trend periods (latest revisions) vs the cost of tasks completed on the covered assets since the first of them.
   * A task counts by when it was completed (`completed_at`), not by its last edit: a cost set later stays in the completion period;
   * and only when the contract covered its asset at that time.
   */
  private async margin(
    scope: Scope,
    prepared: PreparedPeriod,
    trend: ContractHealth['trend'],
    fromPeriod: string,
    nowMs: number,
    digits: number,
  ) {
    const from = trend.length ? trend[trend.length - 1].period : fromPeriod;
    const fromIso = microsToIso(
      periodContaining(prepared.period.tz, Date.parse(`${from}-15T00:00:00Z`)).startUs,
    );
    const revenue = trend
      .filter((t) => t.status !== 'SUPERSEDED')
      .reduce((s, t) => s.plus(t.total), new Decimal(0));
    // A task counts when the contract covered its asset at its completion (a fleet contract: the tenant's assets).
    const { contract } = prepared;
    const covered = contract.fleet
      ? { tenantId: contract.tenantId }
      : { windows: contract.coverage };
    const tasks = await this.taskCosts.completedCosts(
      scope,
      fromIso,
      new Date(nowMs).toISOString(),
      covered,
    );
    const cost = new Decimal(tasks.cost);
    const margin = revenue.minus(cost);
    return {
      from: fromIso,
      to: new Date(nowMs).toISOString(),
      revenue: revenue.toFixed(digits),
      taskCost: cost.toFixed(digits),
      completedTasks: tasks.count,
      margin: margin.toFixed(digits),
      marginPct: revenue.isZero()
        ? null
        : margin.div(revenue).mul(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    };
  }
}
