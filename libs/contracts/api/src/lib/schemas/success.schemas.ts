import { z } from 'zod';
import { instant } from './envelope.schemas';

// The types of these answers stay the interfaces of success.types.ts and value-matrix.types.ts;
// success.schemas.spec.ts holds both to the same shape.

const healthComponentSchema = z.strictObject({
  name: z.enum(['availability', 'risk', 'usage', 'orders', 'nps', 'silentDevices']),
  /** 0-100, null without inputs. */
  score: z.number().nullable(),
  weight: z.number(),
  /** What the score was computed from (counts, ids, periods, answers), as the API names them. */
  inputs: z.record(z.string(), z.unknown()),
});
const healthScoreFields = {
  score: z.number().nullable(),
  /** HEALTHY >= 70, WATCH 40-69, AT_RISK < 40. */
  band: z.enum(['HEALTHY', 'WATCH', 'AT_RISK']).nullable(),
  components: z.array(healthComponentSchema),
};

/** `GET /api/customers/{tenantId}/health`: the customer's score and each of its contracts'. */
export const customerHealthResponseSchema = z.strictObject({
  tenantId: z.string(),
  asOf: instant,
  ...healthScoreFields,
  contracts: z.array(
    z.strictObject({ contractId: z.string(), name: z.string(), ...healthScoreFields }),
  ),
});

/** `GET /api/churn-warnings` item: a customer (contractId null) or a contract with its reasons. */
export const churnWarningResponseSchema = z.strictObject({
  tenantId: z.string(),
  contractId: z.string().nullable(),
  asOf: instant,
  risk: z.enum(['LOW', 'MEDIUM', 'HIGH']),
  points: z.number(),
  signals: z.array(
    z.strictObject({
      kind: z.enum([
        'USAGE_DOWN',
        'DEVICES_SILENT',
        'AVAILABILITY_BELOW_TARGET',
        'NPS_DETRACTOR',
        'ORDERS_ELSEWHERE',
        'CONTRACT_ENDING',
      ]),
      weight: z.number(),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
});

const npsFigureFields = {
  answers: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  nps: z.number().nullable(),
};

/** `GET /api/nps?from&to`: overall and per tenant, partner (null: own team) and region. */
export const npsReportResponseSchema = z.strictObject({
  from: instant,
  to: instant,
  overall: z.strictObject(npsFigureFields),
  byTenant: z.array(z.strictObject({ ...npsFigureFields, tenantId: z.string().nullable() })),
  byPartner: z.array(z.strictObject({ ...npsFigureFields, partnerId: z.string().nullable() })),
  byRegion: z.array(z.strictObject({ ...npsFigureFields, region: z.string().nullable() })),
});

/** `POST /api/nps`: the answer as recorded. */
export const npsAnswerResponseSchema = z.strictObject({
  taskId: z.string(),
  tenantId: z.string(),
  assetId: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
  answeredBy: z.string(),
  orderCompletedAt: instant,
  answeredAt: instant,
  partnerId: z.string().nullable(),
  region: z.string().nullable(),
});

const scoreBound = z.strictObject({ min: z.number().optional(), max: z.number().optional() });
const segmentRuleSchema = z.strictObject({
  segment: z.string(),
  when: z.strictObject({
    r: scoreBound.optional(),
    f: scoreBound.optional(),
    m: scoreBound.optional(),
  }),
});

/** `GET /api/segments`: RFM per customer over the rolling 12 months, with the rules. */
export const segmentsResponseSchema = z.strictObject({
  asOf: instant,
  from: instant,
  rules: z.array(segmentRuleSchema),
  items: z.array(
    z.strictObject({
      tenantId: z.string(),
      recencyDays: z.number().nullable(),
      frequency: z.number(),
      monetary: z.number(),
      r: z.number().int(),
      f: z.number().int(),
      m: z.number().int(),
      segment: z.string(),
    }),
  ),
});

/** `PUT /api/segments/rules`: the rules now in force. */
export const segmentRulesResponseSchema = z.strictObject({ rules: z.array(segmentRuleSchema) });

const matrixThresholdsSchema = z.strictObject({
  customerValue: z.number(),
  marginPct: z.number(),
});
const placementFields = {
  /** Mean of the health score and availability against target, 0-100. */
  customerValue: z.number(),
  /** Service margin %: (revenue - service cost) / revenue x 100. */
  commercialValue: z.number(),
  quadrant: z.enum(['GROWTH_ENGINE', 'VALUE_ISLAND', 'COST_RUIN', 'PROFIT_EXTRACTOR']),
  move: z.string(),
};

/** `GET /api/portfolio/matrix` (provider users only): the last 12 months of the scope. */
export const valueMatrixResponseSchema = z.strictObject({
  asOf: instant,
  from: instant,
  thresholds: matrixThresholdsSchema,
  items: z.array(
    z.strictObject({
      ...placementFields,
      contractId: z.string(),
      tenantId: z.string(),
      inputs: z.strictObject({
        health: z.number().nullable(),
        availability: z.number().nullable(),
        revenue: z.number(),
        serviceCost: z.number(),
        inputOutputRatio: z.number().nullable(),
      }),
    }),
  ),
  customers: z.array(
    z.strictObject({ ...placementFields, tenantId: z.string(), revenue: z.number() }),
  ),
  unplaced: z.array(
    z.strictObject({ contractId: z.string(), tenantId: z.string(), reason: z.string() }),
  ),
});

/** `PUT /api/portfolio/matrix/thresholds`: the thresholds now in force. */
export const matrixThresholdsResponseSchema = z.strictObject({
  thresholds: matrixThresholdsSchema,
});

const lifecycleStageSchema = z.enum([
  'ONBOARDING',
  'ACTIVATION',
  'RETENTION',
  'EXPANSION',
  'ADVOCACY',
]);

/** `PUT /api/touches/{id}/outcome` answer part: what happened, a note, who recorded it and when. */
const touchOutcomeSchema = z.strictObject({
  outcome: z.enum(['DONE', 'NO_RESPONSE', 'DECLINED', 'NOT_NEEDED']),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: instant,
});

/** `GET /api/touches?from&to` items, `PUT /api/touches/{id}/outcome`: an account manager's action with its due date. */
export const touchResponseSchema = z.strictObject({
  /** Stable: `<rule>:<subject id>:<due date YYYY-MM-DD>`, so a recorded outcome stays attached. */
  id: z.string(),
  tenantId: z.string(),
  rule: z.enum([
    'ONBOARDING_WELCOME',
    'ONBOARDING_RUNNING_CHECK',
    'ONBOARDING_USAGE_REVIEW',
    'FIRST_SERVICE_REPORT',
    'FIRST_SERVICE_SATISFACTION',
    'MAINTENANCE_REMINDER',
    'CONTRACT_RENEWAL',
  ]),
  stage: lifecycleStageSchema,
  subject: z.strictObject({ kind: z.enum(['asset', 'contract', 'order']), id: z.string() }),
  dueAt: instant,
  action: z.string(),
  outcome: touchOutcomeSchema.nullable(),
});

/** `GET /api/lifecycle-stages?from&to`: each customer's stage at the end and the movement per stage. */
export const lifecycleReportResponseSchema = z.strictObject({
  from: instant,
  to: instant,
  customers: z.array(
    z.strictObject({
      tenantId: z.string(),
      stage: lifecycleStageSchema,
      assets: z.array(z.strictObject({ assetId: z.string(), stage: lifecycleStageSchema })),
    }),
  ),
  stages: z.array(
    z.strictObject({
      stage: lifecycleStageSchema,
      customers: z.number().int(),
      entered: z.number().int(),
      movedOn: z.number().int(),
      fellBack: z.number().int(),
      lost: z.number().int(),
    }),
  ),
});
