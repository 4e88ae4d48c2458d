import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import {
  minorUnitDigits,
  monthPeriod,
  periodContaining,
  rateContractPeriod,
  type AssetService,
  type BillingPeriod,
  type ChargeLine,
  type RatingResult,
} from '@hourglass/billing-uptime';
import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, type Scope } from '@hourglass/platform-tenancy';
import { BillingError } from './billing.error';
import {
  describeChanges,
  periodPhase,
  settle,
  shiftPeriodId,
  type PeriodPhase,
} from './billing-lifecycle';
import type { BillingAdjustment, BillingRun } from './billing-run';
import { BillingStores } from './billing-stores';
import { isoToMicros } from './billing-time';
import type { Contract, CoveredAsset, CoverageWindow } from './contract.repository';
import { buildPrepared, type LoadedPeriod, type PreparedPeriod } from './prepared-period';

export type { PreparedPeriod } from './prepared-period';

/** Options of {@link BillingRunService}. */
export interface BillingRunServiceOptions {
  /** The clock (epoch ms); default `Date.now`. */
  now?: () => number;
  /** Superseded drafts kept per period (headers only; their interval tables are dropped). Default 20. */
  keepSupersededDrafts?: number;
  /**
   * Share of wall time the periodic round may spend re-rating an open period's draft (default 0.1):
   * when the last rating of a period took `d` ms, the round re-rates it at the earliest `d / share`
   * ms after its cutoff. A month of one-minute data is a few seconds of SQL on the embedded store.
   */
  openPeriodTimeShare?: number;
  /** Where failures of one contract in {@link BillingRunService.runAll} are reported; default none. */
  log?: (line: string) => void;
  /**
   * Contracts {@link BillingRunService.runAll} rates at once (default 2): one contract's SQL runs
   * while another's events are rated in JavaScript. A contract's periods stay in order.
   */
  contractConcurrency?: number;
}

/** Options of {@link BillingRunService.rate}. */
export interface RateOptions {
  /** The run's cutoff: events received up to then count (default the clock). */
  nowMs?: number;
  /** Who asked (audited); the periodic round leaves it out and its drafts are not audited. */
  actor?: string;
  /** Approves a draft held for review (only after the grace period). */
  approvedBy?: string;
}

interface RunStep {
  tx: SqlExecutor;
  prepared: PreparedPeriod;
  rating: RatingResult;
  phase: PeriodPhase;
  nowMs: number;
  opts: RateOptions;
  applied: Array<{ period: string; revision: number; adjustment: BillingAdjustment }>;
  key: string;
  latest: BillingRun | null;
  lastIssued: BillingRun | null;
  targetPeriod: string;
  approval: { approvedBy?: string; approvedAt?: string };
}

/** The outcome of {@link BillingRunService.rate}: the run in force and whether anything was written. */
export interface RateOutcome {
  run: BillingRun;
  written: boolean;
}

/**
 * Rates contract periods from stored inputs and keeps their revisions (uptime-billing spec §6):
 * same inputs, same run and no write; new inputs, revision n+1 with its interval table in one
 * transaction; drafts while open or in grace, finalised after the grace period unless under review,
 * late revisions of finalised periods settled by credit note, prior-period adjustment or note.
 */
export class BillingRunService {
  private readonly now: () => number;
  private readonly keep: number;
  private readonly share: number;
  private readonly concurrency: number;
  /** How long the last rating of each contract period took (ms), for the open-period budget. */
  private readonly lastRatingMs = new Map<string, number>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly stores: BillingStores = new BillingStores(db),
    private readonly options: BillingRunServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.keep = options.keepSupersededDrafts ?? 20;
    this.share = options.openPeriodTimeShare ?? 0.1;
    this.concurrency = Math.max(1, Math.floor(options.contractConcurrency ?? 2));
  }

  /** Rates the previous and the current period of every contract; returns how many revisions were written or finalised. */
  async runAll(): Promise<number> {
    const nowMs = this.now();
    let written = 0;
    const contracts = await this.stores.contracts.list(PROVIDER_SCOPE);
    // One registry read per round, and only when a stored run is to be checked.
    let registered: Promise<Map<string, number>> | undefined;
    const registeredAt = () => (registered ??= this.registrationTimes(contracts));
    const rateContract = async (contract: Contract) => {
      const current = periodContaining(contract.tz, nowMs).id;
      const endsUs = contract.endsAt === null ? null : isoToMicros(contract.endsAt);
      for (const period of [shiftPeriodId(current, -1), current]) {
        if (endsUs !== null && monthPeriod(contract.tz, period).startUs >= endsUs) continue;
        try {
          if (await this.unchanged(contract, period, nowMs, registeredAt)) continue;
          const started = Date.now();
          const outcome = await this.rate(PROVIDER_SCOPE, contract.id, period, { nowMs });
          this.lastRatingMs.set(`${contract.id}\u0000${period}`, Date.now() - started);
          if (outcome.written) written++;
        } catch (error) {
          this.options.log?.(`billing: ${contract.id} ${period}: ${(error as Error).message}`);
        }
      }
    };
    // A few workers take the contracts in list order.
    let next = 0;
    const worker = async () => {
      while (next < contracts.length) await rateContract(contracts[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, contracts.length) }, worker));
    return written;
  }

  /** True when the latest run of the period stands: an open period within its time budget, or no new inputs and no lifecycle step due. */
  private async unchanged(
    contract: Contract,
    periodId: string,
    nowMs: number,
    registeredAt: () => Promise<Map<string, number>>,
  ): Promise<boolean> {
    const latest = await this.stores.runs.latest(PROVIDER_SCOPE, contract.id, periodId);
    if (!latest) return false;
    const period = monthPeriod(contract.tz, periodId);
    const took = this.lastRatingMs.get(`${contract.id}\u0000${periodId}`);
    if (
      nowMs * 1000 < period.endUs &&
      took !== undefined &&
      nowMs - Date.parse(latest.cutoffAt) < took / this.share
    )
      return true;
    if (latest.status === 'DRAFT' && nowMs * 1000 >= period.endUs) {
      const terms = (await this.stores.versions.list(PROVIDER_SCOPE, contract.id))
        .filter((v) => v.effectiveFromUs < period.endUs)
        .at(-1)?.terms;
      const blocked = latest.review.reasons.length > 0 && !latest.review.approvedBy;
      // After the grace period a draft not held for review is to be finalised.
      if (!terms || (periodPhase(period, nowMs, terms) !== 'GRACE' && !blocked)) return false;
    }
    // Assets no longer covered may still have late events for the period: look at every asset ever covered.
    const assetIds = [
      ...new Set([...contract.assetIds, ...contract.coverage.map((c) => c.assetId)]),
    ];
    const registered = await registeredAt();
    let newestRegisteredUs: number | null = null;
    for (const id of assetIds) {
      const us = registered.get(id);
      if (us !== undefined && (newestRegisteredUs === null || us > newestRegisteredUs))
        newestRegisteredUs = us;
    }
    return !(await this.stores.runs.changedSince(
      contract.id,
      assetIds,
      period.startUs - CARRY_IN_CHECK_US,
      period.endUs,
      latest,
      newestRegisteredUs,
    ));
  }

  /** When each asset any of `contracts` ever covered was registered (epoch µs), from one registry read. */
  private async registrationTimes(contracts: readonly Contract[]): Promise<Map<string, number>> {
    const ids = new Set<string>();
    for (const c of contracts) {
      for (const id of c.assetIds) ids.add(id);
      for (const w of c.coverage) ids.add(w.assetId);
    }
    const assets = await this.stores.assets.byIds([...ids]);
    return new Map(assets.map((a) => [a.id, a.registeredAtUs]));
  }

  /**
   * Loads the inputs of a contract period as of `nowMs` (events received up to then). A period still
   * open is rated to date (see {@link toDate}).
   */
  async prepare(
    scope: Scope,
    contractId: string,
    periodId: string,
    nowMs: number,
  ): Promise<PreparedPeriod> {
    return buildPrepared(await this.load(scope, contractId, periodId, nowMs), nowMs, false);
  }

  /** {@link prepare}, and the same inputs for the whole month (what-if ratings), from one read of the stores. */
  async prepareToDateAndWhole(
    scope: Scope,
    contractId: string,
    periodId: string,
    nowMs: number,
  ): Promise<{ toDate: PreparedPeriod; whole: PreparedPeriod }> {
    const loaded = await this.load(scope, contractId, periodId, nowMs);
    return {
      toDate: buildPrepared(loaded, nowMs, false),
      whole: buildPrepared(loaded, nowMs, true),
    };
  }

  private async load(
    scope: Scope,
    contractId: string,
    periodId: string,
    nowMs: number,
  ): Promise<LoadedPeriod> {
    const contract = await this.stores.contracts.get(scope, contractId);
    if (!contract) throw new BillingError('NOT_FOUND', `contract ${contractId} not found`);
    let period: BillingPeriod;
    try {
      period = monthPeriod(contract.tz, periodId);
    } catch (error) {
      throw new BillingError('VALIDATION', (error as Error).message);
    }
    const versions = await this.stores.versions.list(scope, contractId);
    const inForce = versions.filter(
      (v) =>
        v.effectiveFromUs < period.endUs &&
        (v.effectiveToUs === null || v.effectiveToUs > period.startUs),
    );
    const endsUs = versions.at(-1)?.effectiveToUs ?? null;
    if (inForce.length === 0 && endsUs !== null && period.startUs >= endsUs) {
      throw new BillingError(
        'CONTRACT_CONFLICT',
        `contract ${contractId} ended at ${contract.endsAt}: ${periodId} is not billed`,
      );
    }
    if (inForce.length === 0)
      throw new BillingError(
        'VALIDATION',
        `contract ${contractId} has no version in force during ${periodId}`,
      );
    const [covered, windows, overrides] = await Promise.all([
      this.stores.contracts.coveredAssets(scope, contractId),
      this.stores.calendar.windows(scope, contractId),
      this.stores.calendar.overrides(scope, contractId),
    ]);
    const cutoffUs = nowMs * 1000;
    // Assets not covered at any time of the period are left out; the others are in service only while covered.
    const inPeriod = covered.flatMap((a) => {
      const windows =
        a.coverage?.filter(
          (w) => w.startUs < period.endUs && (w.endUs === null || w.endUs > period.startUs),
        ) ?? null;
      return windows === null || windows.length > 0
        ? [{ ...a, service: coveredService(a, windows, period, endsUs) }]
        : [];
    });
    const events = await this.stores.periodEvents.read(
      scope,
      inPeriod.map((a) => a.assetId),
      period.startUs,
      period.endUs,
      cutoffUs,
    );
    return { contract, period, versions, inForce, inPeriod, windows, overrides, events, cutoffUs };
  }

  /** Rates a prepared period without storing anything. */
  rateOnly(prepared: PreparedPeriod, options: { keepIntervals?: boolean } = {}): RatingResult {
    return rateContractPeriod(prepared.input, options);
  }

  /**
   * Rates `periodId` of a contract as of `nowMs` (default the clock) and stores the outcome by the
   * lifecycle rules. `approvedBy` approves a draft awaiting review (after the grace period).
   */
  async rate(
    scope: Scope,
    contractId: string,
    periodId: string,
    opts: RateOptions = {},
  ): Promise<RateOutcome> {
    const nowMs = opts.nowMs ?? this.now();
    const prepared = await this.prepare(scope, contractId, periodId, nowMs);
    const rating = this.rateOnly(prepared);
    const phase = periodPhase(prepared.period, nowMs, prepared.terms);
    if (opts.approvedBy && (phase === 'OPEN' || phase === 'GRACE')) {
      throw new BillingError(
        'CONTRACT_CONFLICT',
        `${periodId} is ${phase}: a draft can be approved once its grace period has passed`,
      );
    }
    return this.db.transaction(async (tx) => {
      await this.stores.runs.lock(tx, contractId, periodId);
      const applied = await this.stores.runs.adjustmentsFor(tx, contractId, periodId);
      const step: RunStep = {
        tx,
        prepared,
        rating,
        phase,
        nowMs,
        opts,
        applied,
        key:
          applied.length === 0 ? rating.key : sha256(`${rating.key}\n${JSON.stringify(applied)}`),
        latest: await this.stores.runs.latest(PROVIDER_SCOPE, contractId, periodId, tx),
        lastIssued: await this.stores.runs.latestFinalized(tx, contractId, periodId),
        targetPeriod: await this.adjustmentTarget(
          tx,
          contractId,
          periodId,
          periodContaining(prepared.contract.tz, nowMs).id,
        ),
        approval: opts.approvedBy
          ? { approvedBy: opts.approvedBy, approvedAt: new Date(nowMs).toISOString() }
          : {},
      };
      if (step.latest && step.latest.inputKey === step.key)
        return this.finalizeIfDue(step, step.latest);
      return this.writeRevision(step);
    });
  }

  /** Same inputs: the stored run stands; a draft past its grace period and not held for review is issued as it is. */
  private async finalizeIfDue(step: RunStep, latest: BillingRun): Promise<RateOutcome> {
    const { phase, opts, nowMs, prepared } = step;
    const blocking =
      latest.review.reasons.length > 0 && !latest.review.approvedBy && !opts.approvedBy;
    if (latest.status !== 'DRAFT' || phase === 'OPEN' || phase === 'GRACE' || blocking)
      return { run: latest, written: false };
    const s = settle({
      phase,
      blockingReview: false,
      total: latest.total,
      lastIssued: step.lastIssued,
      materialityThreshold: prepared.terms.materialityThreshold,
      targetPeriod: step.targetPeriod,
    });
    const run: BillingRun = {
      ...latest,
      status: s.status,
      adjustment: s.adjustment,
      finalizedAt: new Date(nowMs).toISOString(),
      review: { ...latest.review, ...step.approval },
    };
    await this.stores.runs.finalize(step.tx, run);
    await this.audit(step, opts.approvedBy ? 'APPROVE' : 'FINALIZE', {
      period: run.period,
      revision: run.revision,
      status: run.status,
      adjustment: run.adjustment,
    });
    return { run, written: true };
  }

  /** New inputs: revision n+1 with its interval table; older drafts superseded. */
  private async writeRevision(step: RunStep): Promise<RateOutcome> {
    const { prepared, rating, opts, nowMs, applied, latest } = step;
    const { contract, period, terms } = prepared;
    const digits = minorUnitDigits(terms.currency);
    const lines: ChargeLine[] = [...rating.charges.lines];
    let total = new Decimal(rating.charges.total);
    for (const a of applied) {
      lines.push({
        kind: 'PRIOR_PERIOD_ADJUSTMENT',
        description: `Adjustment for ${a.period} (revision ${a.revision})`,
        quantity: null,
        unitPrice: null,
        amount: new Decimal(a.adjustment.amount).toFixed(digits),
      });
      total = total.plus(a.adjustment.amount);
    }
    const review = { reasons: rating.review, notes: rating.charges.notes, ...step.approval };
    const s = settle({
      phase: step.phase,
      blockingReview: review.reasons.length > 0 && !opts.approvedBy,
      total: total.toFixed(digits),
      lastIssued: step.lastIssued,
      materialityThreshold: terms.materialityThreshold,
      targetPeriod: step.targetPeriod,
    });
    const inputs = {
      ...prepared.inputs,
      appliedAdjustments: applied.map((a) => ({
        period: a.period,
        revision: a.revision,
        amount: a.adjustment.amount,
      })),
    };
    const draft = {
      inputs,
      figures: { ...rating.figures, versions: rating.versions },
      total: total.toFixed(digits),
      billableHours: new Decimal(rating.billableHours).toFixed(),
    };
    const at = new Date(nowMs).toISOString();
    const run: BillingRun = {
      contractId: contract.id,
      tenantId: contract.tenantId,
      period: period.id,
      revision: (latest?.revision ?? 0) + 1,
      inputKey: step.key,
      status: s.status,
      periodStart: new Date(period.startUs / 1000).toISOString(),
      periodEnd: new Date(period.endUs / 1000).toISOString(),
      algorithm: rating.algorithm,
      ...draft,
      lines,
      currency: terms.currency,
      review,
      adjustment: s.adjustment,
      changes: describeChanges(latest, draft),
      cutoffAt: at,
      computedAt: at,
      finalizedAt: s.status === 'FINALIZED' || s.status === 'CLOSED_LATE' ? at : null,
    };
    const stored = await this.stores.runs.insert(step.tx, run, rating.intervals, rating.versions);
    await this.stores.runs.supersedeDrafts(
      step.tx,
      contract.id,
      period.id,
      run.revision,
      this.keep,
    );
    // Drafts of the periodic round are not audited (one per round); issued revisions and API calls are.
    if (run.status !== 'DRAFT' || opts.actor) {
      await this.audit(step, 'BILLING_RUN', {
        period: period.id,
        revision: run.revision,
        status: run.status,
        total: run.total,
        adjustment: run.adjustment,
        changes: run.changes,
      });
    }
    return { run: stored, written: true };
  }

  private async audit(
    step: RunStep,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    const { contract } = step.prepared;
    await this.stores.audit.record(step.tx, {
      contractId: contract.id,
      tenantId: contract.tenantId,
      actor: step.opts.approvedBy ?? step.opts.actor ?? 'system',
      action,
      detail,
    });
  }

  /** The record a positive prior-period adjustment goes on: the first later period not yet issued (at the latest the current one). */
  private async adjustmentTarget(
    tx: SqlExecutor,
    contractId: string,
    periodId: string,
    currentId: string,
  ): Promise<string> {
    let target = shiftPeriodId(periodId, 1);
    while (target < currentId && (await this.stores.runs.latestFinalized(tx, contractId, target)))
      target = shiftPeriodId(target, 1);
    return target;
  }
}

/**
 * An asset's service during a period: commissioned..terminated, ended by the contract's end, narrowed
 * to its coverage. One coverage interval folds into the commissioning and termination dates (a
 * coverage spanning the period changes nothing, so runs rated before coverage was dated keep their
 * key); several go to the engine as in-service windows.
 */
function coveredService(
  a: CoveredAsset,
  windows: CoverageWindow[] | null,
  period: BillingPeriod,
  endsUs: number | null,
): AssetService {
  // A terminated contract's assets are out of service from its end: no hours, no availability after it.
  let commissionedAtUs = a.commissionedAtUs;
  let terminatedAtUs =
    endsUs === null ? a.terminatedAtUs : Math.min(endsUs, a.terminatedAtUs ?? endsUs);
  if (windows === null) return { assetId: a.assetId, commissionedAtUs, terminatedAtUs };
  if (windows.length > 1)
    return { assetId: a.assetId, commissionedAtUs, terminatedAtUs, inService: windows };
  const [w] = windows;
  if (w.startUs > period.startUs)
    commissionedAtUs = Math.max(commissionedAtUs ?? w.startUs, w.startUs);
  if (w.endUs !== null && w.endUs < period.endUs)
    terminatedAtUs = Math.min(terminatedAtUs ?? w.endUs, w.endUs);
  return { assetId: a.assetId, commissionedAtUs, terminatedAtUs };
}

/** How far before a period a billing round looks for late events that could change the carry-in. */
const CARRY_IN_CHECK_US = 7 * 86_400_000_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
