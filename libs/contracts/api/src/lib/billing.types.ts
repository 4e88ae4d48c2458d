export type BillingRunStatus = 'DRAFT' | 'FINALIZED' | 'SUPERSEDED' | 'CLOSED_LATE';

/** How a revision of a finalised period settles its difference with the one issued before. */
export interface BillingAdjustmentResponse {
  kind: 'CREDIT_NOTE' | 'PRIOR_PERIOD_ADJUSTMENT' | 'NOTE' | 'NO_FINANCIAL_EFFECT';
  amount: string;
  againstRevision: number;
  targetPeriod: string | null;
}

/** Review state: reasons block automatic finalisation until someone approves. */
export interface BillingReviewResponse {
  reasons: string[];
  notes: string[];
  approvedBy?: string;
  approvedAt?: string;
}

/** `GET /api/contracts/{id}/billing-records` items: one period's latest revision. Amounts are decimal strings. */
export interface BillingRecordResponse {
  contractId: string;
  /** `YYYY-MM` in the contract's zone. */
  period: string;
  periodStart: string;
  periodEnd: string;
  status: BillingRunStatus;
  revision: number;
  /** Unrounded availability (fraction) and the display value floored to 0.001 %. */
  availability: string;
  availabilityPct: string;
  noRequiredTime: boolean;
  operatingHours: string;
  runSeconds: number;
  billableHours: string;
  completeness: string;
  charges: string;
  credits: string;
  total: string;
  currency: string;
  review: BillingReviewResponse;
  adjustment: BillingAdjustmentResponse | null;
  changes: string | null;
  computedAt: string;
  finalizedAt: string | null;
}
