import type { ChargeLine, PeriodFigures, RatedInterval } from '@hourglass/billing-uptime';

/**
 * Status of a stored revision (spec §6): DRAFT while the period is open, in grace or awaiting review;
 * FINALIZED once issued (immutable); SUPERSEDED for a draft replaced by a newer one; CLOSED_LATE for a
 * revision of a period beyond the lookback: stored and flagged, without financial effect.
 */
export type BillingRunStatus = 'DRAFT' | 'FINALIZED' | 'SUPERSEDED' | 'CLOSED_LATE';

/** How a revision of a finalised period settles its difference with the revision issued before it. */
export interface BillingAdjustment {
  /** CREDIT_NOTE (negative, issued now), PRIOR_PERIOD_ADJUSTMENT (positive, a line on `targetPeriod`), NOTE (below materiality), NO_FINANCIAL_EFFECT (closed period). */
  kind: 'CREDIT_NOTE' | 'PRIOR_PERIOD_ADJUSTMENT' | 'NOTE' | 'NO_FINANCIAL_EFFECT';
  /** New total minus the total of `againstRevision`. */
  amount: string;
  againstRevision: number;
  targetPeriod: string | null;
}

/** Review state: reasons block automatic finalisation until someone approves. */
export interface BillingReview {
  reasons: string[];
  /** Engine notes (e.g. a credit below the minimum, not issued). */
  notes: string[];
  approvedBy?: string;
  approvedAt?: string;
}

/** A summary of a run's inputs, to say what changed between revisions. */
export interface BillingRunInputs {
  /** Events read per asset (including the carry-in). */
  events: Record<string, number>;
  windows: string[];
  overrides: string[];
  versions: number[];
  quarantined: number;
  /** Prior-period adjustments carried onto this record. */
  appliedAdjustments: Array<{ period: string; revision: number; amount: string }>;
  /** For a draft of a period still open: the instant it was rated to (the rest of the month is not yet rated). */
  ratedTo?: string | null;
  /** Coverage intervals (`asset from..to`) of assets covered for part of the period only (absent before migration 009). */
  coverage?: string[];
}

/** One stored revision of a contract period's billing run. */
export interface BillingRun {
  contractId: string;
  tenantId: string;
  period: string;
  revision: number;
  inputKey: string;
  status: BillingRunStatus;
  periodStart: string;
  periodEnd: string;
  algorithm: string;
  figures: PeriodFigures & { versions: number[] };
  lines: ChargeLine[];
  total: string;
  currency: string;
  billableHours: string;
  review: BillingReview;
  adjustment: BillingAdjustment | null;
  inputs: BillingRunInputs;
  changes: string | null;
  cutoffAt: string;
  computedAt: string;
  finalizedAt: string | null;
}

/** A stored interval (the API shape of the drill-down). */
export interface StoredInterval extends Omit<RatedInterval, 'version'> {
  start: string;
  end: string;
  seconds: string;
  /** The contract version number in force. */
  version: number;
}
