import Decimal from 'decimal.js';
import {
  periodContaining,
  type BillingPeriod,
  type ContractTerms,
} from '@hourglass/billing-uptime';
import type {
  BillingAdjustment,
  BillingRun,
  BillingRunInputs,
  BillingRunStatus,
} from './billing-run';

/**
 * Where a period is in its life at `nowMs` (spec §6): OPEN until its end, GRACE until `graceSeconds`
 * after it, DUE (to be finalised) after that, CLOSED once more than `lookbackPeriods` periods lie
 * between it and the period containing now.
 */
export type PeriodPhase = 'OPEN' | 'GRACE' | 'DUE' | 'CLOSED';

const monthIndex = (id: string) => Number(id.slice(0, 4)) * 12 + Number(id.slice(5, 7)) - 1;

/** The number of periods from `from` to `to` (both `yyyy-mm`). */
export function periodsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** The `yyyy-mm` id `n` months after `id`. */
export function shiftPeriodId(id: string, n: number): string {
  const i = monthIndex(id) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function periodPhase(
  period: BillingPeriod,
  nowMs: number,
  terms: Pick<ContractTerms, 'graceSeconds' | 'lookbackPeriods'>,
): PeriodPhase {
  const nowUs = nowMs * 1000;
  if (nowUs < period.endUs) return 'OPEN';
  if (nowUs < period.endUs + terms.graceSeconds * 1e6) return 'GRACE';
  return periodsBetween(period.id, periodContaining(period.tz, nowMs).id) > terms.lookbackPeriods
    ? 'CLOSED'
    : 'DUE';
}

/** What a revision becomes when it is issued or held back. */
export interface Settlement {
  status: BillingRunStatus;
  adjustment: BillingAdjustment | null;
}

/**
 * The status of a revision and, for a finalised period, how its difference is settled (spec §6):
 * drafts while open or in grace or awaiting review; the first issue is FINALIZED; a later one
 * issues the difference as a credit note (negative), a prior-period adjustment on `targetPeriod`
 * (positive), or a note only below `materialityThreshold`; beyond the lookback, CLOSED_LATE
 * without financial effect.
 */
export function settle(input: {
  phase: PeriodPhase;
  /** Review reasons not yet approved. */
  blockingReview: boolean;
  total: string;
  lastIssued: Pick<BillingRun, 'revision' | 'total'> | null;
  materialityThreshold: string;
  targetPeriod: string;
}): Settlement {
  const { phase, lastIssued } = input;
  if (phase === 'OPEN' || phase === 'GRACE') return { status: 'DRAFT', adjustment: null };
  if (lastIssued === null)
    return { status: input.blockingReview ? 'DRAFT' : 'FINALIZED', adjustment: null };
  const delta = new Decimal(input.total).minus(lastIssued.total);
  const base = {
    amount: delta.toFixed(),
    againstRevision: lastIssued.revision,
    targetPeriod: null,
  };
  if (phase === 'CLOSED')
    return { status: 'CLOSED_LATE', adjustment: { ...base, kind: 'NO_FINANCIAL_EFFECT' } };
  if (input.blockingReview) return { status: 'DRAFT', adjustment: null };
  if (delta.abs().lt(input.materialityThreshold))
    return { status: 'FINALIZED', adjustment: { ...base, kind: 'NOTE' } };
  if (delta.isNegative())
    return { status: 'FINALIZED', adjustment: { ...base, kind: 'CREDIT_NOTE' } };
  return {
    status: 'FINALIZED',
    adjustment: { ...base, kind: 'PRIOR_PERIOD_ADJUSTMENT', targetPeriod: input.targetPeriod },
  };
}

/** What a revision changes against the one before it, in words (stored with the revision). */
export function describeChanges(
  previous: Pick<BillingRun, 'revision' | 'inputs' | 'figures' | 'total' | 'billableHours'> | null,
  next: Pick<BillingRun, 'inputs' | 'figures' | 'total' | 'billableHours'>,
): string {
  if (!previous) return 'first run';
  const out: string[] = [];
  const assets = new Set([
    ...Object.keys(previous.inputs.events),
    ...Object.keys(next.inputs.events),
  ]);
  for (const a of [...assets].sort()) {
    const [was, is] = [previous.inputs.events[a] ?? 0, next.inputs.events[a] ?? 0];
    if (was !== is) out.push(`${a}: ${was} -> ${is} events`);
  }
  listChange(out, 'windows', previous.inputs.windows, next.inputs.windows);
  listChange(out, 'overrides', previous.inputs.overrides, next.inputs.overrides);
  listChange(out, 'asset coverage', previous.inputs.coverage ?? [], next.inputs.coverage ?? []);
  listChange(
    out,
    'contract versions',
    previous.inputs.versions.map(String),
    next.inputs.versions.map(String),
  );
  if (previous.inputs.quarantined !== next.inputs.quarantined)
    out.push(`quarantined events ${previous.inputs.quarantined} -> ${next.inputs.quarantined}`);
  listChange(
    out,
    'prior-period adjustments',
    adjustmentIds(previous.inputs),
    adjustmentIds(next.inputs),
  );
  if ((previous.inputs.ratedTo ?? null) !== (next.inputs.ratedTo ?? null))
    out.push(`rated to ${next.inputs.ratedTo ?? 'the period end'}`);
  if (out.length === 0) out.push('inputs with the same counts changed (e.g. corrected events)');
  const figures: string[] = [];
  if (previous.figures.availabilityPct !== next.figures.availabilityPct)
    figures.push(
      `availability ${previous.figures.availabilityPct} % -> ${next.figures.availabilityPct} %`,
    );
  if (previous.billableHours !== next.billableHours)
    figures.push(`billable hours ${previous.billableHours} -> ${next.billableHours}`);
  if (previous.total !== next.total) figures.push(`total ${previous.total} -> ${next.total}`);
  return `vs revision ${previous.revision}: ${out.join('; ')}${figures.length ? `; ${figures.join('; ')}` : ''}`;
}

const adjustmentIds = (i: BillingRunInputs) =>
  i.appliedAdjustments.map((a) => `${a.period}#${a.revision}`);

function listChange(
  out: string[],
  what: string,
  was: readonly string[],
  is: readonly string[],
): void {
  const added = is.filter((x) => !was.includes(x));
  const removed = was.filter((x) => !is.includes(x));
  if (added.length) out.push(`${what} added: ${added.join(', ')}`);
  if (removed.length) out.push(`${what} removed: ${removed.join(', ')}`);
}
