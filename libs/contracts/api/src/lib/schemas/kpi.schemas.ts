import { z } from 'zod';
import { instant } from './envelope.schemas';

/** A component with confirmed defects in the period (`replacementCost` for provider roles only). */
export const failingComponentResponseSchema = z.strictObject({
  assetType: z.string(),
  component: z.string(),
  failures: z.number().int(),
  replacementCost: z.number().optional(),
});

/** Service cost of an asset type per operating year (provider roles only). */
export const lifecycleCostResponseSchema = z.strictObject({
  assetType: z.string(),
  serviceCost: z.number(),
  operatingHours: z.number(),
  costPerOperatingYear: z.number().nullable(),
});

/** `GET /api/kpis?from&to&assetType`: a figure that cannot be computed is null. */
export const kpiResponseSchema = z.strictObject({
  from: instant,
  to: instant,
  assetType: z.string().nullable(),
  mtbfHours: z.number().nullable(),
  mttrHours: z.number().nullable(),
  meanDowntimeHours: z.number().nullable(),
  availability: z.number().nullable(),
  firstTimeFixRate: z.number().nullable(),
  predictiveHitRate: z.number().nullable(),
  pmCompliance: z.number().nullable(),
  uptimeHours: z.number(),
  failures: z.number().int(),
  topFailingComponents: z.array(failingComponentResponseSchema),
  /** Absent for customers. */
  lifecycleCosts: z.array(lifecycleCostResponseSchema).optional(),
});

/** One part of `GET /api/parts/forecast`: expected count and the interval at `level`. */
export const partForecastResponseSchema = z.strictObject({
  partNumber: z.string(),
  expected: z.number(),
  low: z.number(),
  high: z.number(),
  method: z.string(),
});

/** `GET /api/parts/forecast?horizonDays=30|60|90`. */
export const partsForecastResponseSchema = z.strictObject({
  horizonDays: z.number().int(),
  level: z.number(),
  items: z.array(partForecastResponseSchema),
});
