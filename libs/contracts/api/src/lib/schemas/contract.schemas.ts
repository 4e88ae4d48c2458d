import { z } from 'zod';
import { instant } from './envelope.schemas';

/** Whether a contract runs on or has an end date. */
export const contractStatusSchema = z.enum(['ACTIVE', 'TERMINATED']);

/** One effective-dated coverage interval of an asset by a (non-fleet) contract. */
export const coverageIntervalResponseSchema = z.strictObject({
  assetId: z.string(),
  from: instant,
  /** Null while the coverage has not ended. */
  to: instant.nullable(),
});

/** `GET /api/contracts` items. */
export const contractResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  currency: z.string(),
  /** Decimal strings. */
  ratePerHour: z.string(),
  slaTarget: z.string(),
  tz: z.string(),
  heartbeatTimeoutSeconds: z.number(),
  /** A fleet contract covers every asset of its tenant. */
  fleet: z.boolean(),
  assetIds: z.array(z.string()),
  coverage: z.array(coverageIntervalResponseSchema),
  createdAt: instant,
  status: contractStatusSchema,
  endsAt: instant.nullable(),
});

/**
 * The terms of a contract version. The four fields every version has are named; the others
 * (tiers, credit bands, rounding, policies, ...) are those of the billing engine's `ContractTerms`.
 */
export const contractTermsResponseSchema = z.looseObject({
  tz: z.string(),
  currency: z.string(),
  ratePerHour: z.string(),
  slaTarget: z.string(),
});

/** One version of a contract's terms. */
export const contractVersionResponseSchema = z.strictObject({
  contractId: z.string(),
  tenantId: z.string(),
  version: z.number().int(),
  effectiveFromUs: z.number(),
  effectiveToUs: z.number().nullable(),
  effectiveFrom: instant,
  effectiveTo: instant.nullable(),
  terms: contractTermsResponseSchema,
  createdBy: z.string(),
  createdAt: instant,
});

/** `GET /api/contracts/{id}` (and the answer of the calls that change a contract). */
export const contractDetailResponseSchema = contractResponseSchema.extend({
  versions: z.array(contractVersionResponseSchema),
  /** The terms in force now, null before the first version starts or after the end. */
  currentTerms: contractTermsResponseSchema.nullable(),
});

export const billingRunStatusSchema = z.enum(['DRAFT', 'FINALIZED', 'SUPERSEDED', 'CLOSED_LATE']);

/** How a revision of a finalised period settles its difference with the one issued before. */
export const billingAdjustmentResponseSchema = z.strictObject({
  kind: z.enum(['CREDIT_NOTE', 'PRIOR_PERIOD_ADJUSTMENT', 'NOTE', 'NO_FINANCIAL_EFFECT']),
  amount: z.string(),
  againstRevision: z.number().int(),
  targetPeriod: z.string().nullable(),
});

/** Review state: reasons block automatic finalisation until someone approves. */
export const billingReviewResponseSchema = z.strictObject({
  reasons: z.array(z.string()),
  notes: z.array(z.string()),
  approvedBy: z.string().optional(),
  approvedAt: instant.optional(),
});

/** `GET /api/contracts/{id}/billing-records` items: one period's latest revision. Amounts are decimal strings. */
export const billingRecordResponseSchema = z.strictObject({
  contractId: z.string(),
  /** `YYYY-MM` in the contract's zone. */
  period: z.string(),
  periodStart: instant,
  periodEnd: instant,
  status: billingRunStatusSchema,
  revision: z.number().int(),
  /** Unrounded availability (fraction) and the display value floored to 0.001 %. */
  availability: z.string(),
  availabilityPct: z.string(),
  noRequiredTime: z.boolean(),
  operatingHours: z.string(),
  runSeconds: z.number(),
  billableHours: z.string(),
  completeness: z.string(),
  charges: z.string(),
  credits: z.string(),
  total: z.string(),
  currency: z.string(),
  review: billingReviewResponseSchema,
  adjustment: billingAdjustmentResponseSchema.nullable(),
  changes: z.string().nullable(),
  computedAt: instant,
  finalizedAt: instant.nullable(),
});

/** `GET /api/contracts/{id}/health`: this period so far, the trend, the risk to the SLA and (provider users) the service margin. */
export const contractHealthResponseSchema = z.strictObject({
  contractId: z.string(),
  /** `TERMINATED` once an end was recorded; the figures are then those of its last period. */
  status: contractStatusSchema,
  endsAt: instant.nullable(),
  asOf: instant,
  currency: z.string(),
  current: z.strictObject({
    period: z.string(),
    availability: z.string(),
    availabilityPct: z.string(),
    targetPct: z.string(),
    meetsTarget: z.boolean(),
    completeness: z.string(),
    runHours: z.string(),
    creditSoFar: z.string(),
  }),
  trend: z.array(
    z.strictObject({
      period: z.string(),
      status: z.string(),
      revision: z.number().int(),
      availabilityPct: z.string(),
      total: z.string(),
    }),
  ),
  atRisk: z.array(
    z.strictObject({
      assetId: z.string(),
      type: z.string(),
      probability: z.number(),
      threshold: z.number(),
      rul: z.number(),
      /** Extra SLA credit this period if the asset is down from now to the period end. */
      creditIfFails: z.string(),
    }),
  ),
  /** Extra credit if every listed asset fails now. */
  creditIfAllAtRiskFail: z.string(),
  /** The same weighted by each one's probability. */
  expectedCredit: z.string(),
  /** Absent for customer and partner users (revenue against task cost is the provider's). */
  margin: z
    .strictObject({
      from: instant,
      to: instant,
      revenue: z.string(),
      taskCost: z.string(),
      completedTasks: z.number().int(),
      margin: z.string(),
      marginPct: z.string().nullable(),
    })
    .optional(),
});

/**
 * `GET/POST /api/contracts/{id}/windows`, `POST .../windows/{windowId}/approval`: a calendar window
 * (times as ISO instants and as the engine's microseconds). Customers get no `createdBy`, and
 * `approvedBy` only when one of their own users approved (`provider` otherwise).
 */
export const calendarWindowResponseSchema = z.strictObject({
  id: z.string(),
  contractId: z.string(),
  assetId: z.string().nullable(),
  kind: z.enum(['PLANNED_MAINT', 'FORCE_MAJEURE', 'CUSTOMER_STOP', 'SUSPENDED']),
  start: instant,
  end: instant,
  /** When the work actually ended, if later than approved: the overrun is a forced outage. */
  actualEnd: instant.nullable(),
  announcedAt: instant,
  approvedBy: z.string(),
  approvedAt: instant,
  createdBy: z.string().optional(),
  startUs: z.number(),
  endUs: z.number(),
  actualEndUs: z.number().nullable().optional(),
  announcedAtUs: z.number(),
  approvedAtUs: z.number(),
});

/** `GET/POST /api/contracts/{id}/overrides`: a manual reclassification (customers get no `author`). */
export const categoryOverrideResponseSchema = z.strictObject({
  id: z.string(),
  contractId: z.string(),
  assetId: z.string(),
  start: instant,
  end: instant,
  category: z.string(),
  reason: z.string(),
  author: z.string().optional(),
  startUs: z.number(),
  endUs: z.number(),
});

/** A line of a billing record: usage, minimum true-up, SLA credit or prior-period adjustment. */
export const chargeLineResponseSchema = z.strictObject({
  kind: z.enum(['USAGE', 'MINIMUM_TRUE_UP', 'SLA_CREDIT', 'PRIOR_PERIOD_ADJUSTMENT']),
  description: z.string(),
  /** Hours for usage lines. */
  quantity: z.string().nullable(),
  unitPrice: z.string().nullable(),
  amount: z.string(),
});

/** `POST /api/contracts/{id}/billing-runs` `{period, approve?}`: whether a new revision was written. */
export const billingRunOutcomeResponseSchema = z.strictObject({
  written: z.boolean(),
  record: billingRecordResponseSchema,
  lines: z.array(chargeLineResponseSchema),
});

/**
 * `GET /api/contracts/{id}/billing-records/{period}`: the record with its lines, the engine's
 * figures and inputs (open records: the billing engine's), and every revision
 * (`?format=csv`: the lines as CSV instead).
 */
export const billingRecordDetailResponseSchema = billingRecordResponseSchema.extend({
  lines: z.array(chargeLineResponseSchema),
  figures: z.looseObject({ versions: z.array(z.number().int()) }),
  inputKey: z.string(),
  algorithm: z.string(),
  inputs: z.looseObject({
    events: z.record(z.string(), z.number()),
    windows: z.array(z.string()),
    overrides: z.array(z.string()),
    versions: z.array(z.number().int()),
  }),
  revisions: z.array(
    z.strictObject({
      revision: z.number().int(),
      status: billingRunStatusSchema,
      total: z.string(),
      changes: z.string().nullable(),
      adjustment: billingAdjustmentResponseSchema.nullable(),
      computedAt: instant,
      finalizedAt: instant.nullable(),
    }),
  ),
});

/** `GET /api/contracts/{id}/billing-records/{period}/intervals`: the interval table behind a period. */
export const billingIntervalsResponseSchema = z.strictObject({
  period: z.string(),
  revision: z.number().int(),
  status: billingRunStatusSchema,
  /** The engine's rated intervals: asset, start, end, seconds, category, contract version, ... */
  items: z.array(z.looseObject({ start: instant, end: instant, version: z.number().int() })),
});

/** `GET /api/contracts/{id}/billing-records/{period}/statement` (`text/markdown`). */
export const billingStatementSchema = z.string().meta({
  description: 'a customer-readable statement of the period, in Markdown',
});
