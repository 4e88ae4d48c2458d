import Decimal from 'decimal.js';
import { minorUnitDigits } from '@hourglass/billing-uptime';
import type { BillingAdjustment, BillingReview, BillingRun, BillingRunStatus } from './billing-run';

/** One period of a contract as `GET /api/contracts/{id}/billing-records` lists it (the latest revision). */
export interface BillingRecord {
  contractId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  status: BillingRunStatus;
  revision: number;
  /** Unrounded availability (fraction) and the display value floored to 0.001 %. */
  availability: string;
  availabilityPct: string;
  noRequiredTime: boolean;
  /** Measured operating hours, exact (S(RUN) / 3600), and the seconds behind them. */
  operatingHours: string;
  runSeconds: number;
  /** Hours billed (rounded once per asset by the contract's rounding). */
  billableHours: string;
  completeness: string;
  /** Sum of the positive lines (usage, true-up, prior-period adjustments) and of the credits (negative). */
  charges: string;
  credits: string;
  total: string;
  currency: string;
  review: BillingReview;
  adjustment: BillingAdjustment | null;
  changes: string | null;
  computedAt: string;
  finalizedAt: string | null;
}

export function toBillingRecord(run: BillingRun): BillingRecord {
  const digits = minorUnitDigits(run.currency);
  const sum = (sign: 1 | -1) =>
    run.lines
      .filter((l) => Math.sign(Number(l.amount)) === sign)
      .reduce((s, l) => s.plus(l.amount), new Decimal(0))
      .toFixed(digits);
  return {
    contractId: run.contractId,
    period: run.period,
    periodStart: run.periodStart,
    periodEnd: run.periodEnd,
    status: run.status,
    revision: run.revision,
    availability: run.figures.availability,
    availabilityPct: run.figures.availabilityPct,
    noRequiredTime: run.figures.noRequiredTime,
    operatingHours: run.figures.runHours,
    runSeconds: Number(run.figures.seconds.RUN),
    billableHours: run.billableHours,
    completeness: run.figures.completeness,
    charges: sum(1),
    credits: sum(-1),
    total: run.total,
    currency: run.currency,
    review: run.review,
    adjustment: run.adjustment,
    changes: run.changes,
    computedAt: run.computedAt,
    finalizedAt: run.finalizedAt,
  };
}
