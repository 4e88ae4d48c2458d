import { z } from 'zod';
import { instant } from './envelope.schemas';

/** `GET /api/partners` item, `POST /api/partners`, `GET /api/partners/{id}`: a certified service partner. */
export const partnerResponseSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  regions: z.array(z.string()),
  skills: z.array(z.string()),
  certifiedFrom: instant.nullable(),
  certifiedTo: instant.nullable(),
});

const responseTimeSchema = z.strictObject({
  meanHours: z.number().nullable(),
  orders: z.number().int(),
});
/** The figures of one group (everything, a partner, a region, an asset type), each with its inputs. */
const groupFiguresSchema = z.strictObject({
  firstTimeFix: z.strictObject({
    rate: z.number().nullable(),
    fixedFirstTime: z.number().int(),
    attempted: z.number().int(),
  }),
  responseTime: responseTimeSchema,
  /** Money as decimal strings. */
  revenuePerEngineer: z.strictObject({
    value: z.string().nullable(),
    revenue: z.string(),
    activeTechnicians: z.number().int(),
  }),
  inputOutput: z.strictObject({
    ratio: z.number().nullable(),
    revenue: z.string(),
    cost: z.string(),
  }),
});

/** First-time fix of the orders whose first visit brought parts from one source. */
const firstTimeFixOfSourceSchema = z.strictObject({
  rate: z.number().nullable(),
  fixedFirstTime: z.number().int(),
  attempted: z.number().int(),
  /** Of `attempted`, fixed on the first visit before the 30-day repeat rule. */
  firstVisitFixed: z.number().int(),
});

/** `GET /api/service-network/figures?from&to` (partner groups keyed by id, `own-team` for the provider's). */
export const serviceFiguresResponseSchema = z.strictObject({
  period: z.strictObject({ from: instant, to: instant }),
  overall: groupFiguresSchema,
  byPartner: z.record(z.string(), groupFiguresSchema),
  byRegion: z.record(z.string(), groupFiguresSchema),
  byAssetType: z.record(z.string(), groupFiguresSchema),
  responseTimeByPriority: z.record(z.string(), responseTimeSchema),
  lifecycleCost: z.array(
    z.strictObject({
      assetType: z.string(),
      cost: z.string(),
      operatingYears: z.number(),
      costPerOperatingYear: z.string().nullable(),
    }),
  ),
  /** First-time fix split by the first visit's parts source (suggestion or default kit). */
  firstTimeFixByPartsSource: z.strictObject({
    SUGGESTION: firstTimeFixOfSourceSchema,
    DEFAULT_KIT: firstTimeFixOfSourceSchema,
  }),
});

/** `GET /api/technicians` items, `POST /api/technicians`: the provider's own team (`partnerId` null) or a partner's. */
export const technicianResponseSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  partnerId: z.string().nullable(),
  regions: z.array(z.string()),
  skills: z.array(z.string()),
  certifiedFrom: instant.nullable(),
  certifiedTo: instant.nullable(),
});

/** One assignment of an order; the current one has `endedAt` null, earlier ones are its history. */
export const assignmentResponseSchema = z.strictObject({
  id: z.number().int(),
  orderId: z.string(),
  tenantId: z.string(),
  assetId: z.string(),
  assetType: z.string(),
  component: z.string(),
  priority: z.string(),
  /** The partner; null = the provider's own team. */
  partnerId: z.string().nullable(),
  technicianId: z.string().nullable(),
  region: z.string(),
  method: z.enum(['RULE', 'HAND']),
  reason: z.string().nullable(),
  plannedAt: instant,
  assignedAt: instant,
  assignedBy: z.string(),
  endedAt: instant.nullable(),
});

/** `POST/GET /api/tasks/{id}/visits`: a technician's visit and what it achieved. */
export const visitResponseSchema = z.strictObject({
  id: z.number().int(),
  orderId: z.string(),
  technicianId: z.string(),
  arrivedAt: instant,
  departedAt: instant.nullable(),
  outcome: z.enum(['FIXED', 'NEEDS_ANOTHER_VISIT']),
  /** Where the parts brought came from; null when not said. */
  partsSource: z.enum(['SUGGESTION', 'DEFAULT_KIT']).nullable(),
  recordedBy: z.string(),
});

/** `PUT /api/tasks/{id}/service-account`: an order's service revenue and cost (decimal strings). */
export const orderAccountResponseSchema = z.strictObject({
  orderId: z.string(),
  revenue: z.string(),
  partsCost: z.string(),
  labourCost: z.string(),
  travelCost: z.string(),
});
