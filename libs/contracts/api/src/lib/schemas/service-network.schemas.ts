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
});
