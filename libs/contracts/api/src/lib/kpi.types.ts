import type { z } from 'zod';
import type {
  failingComponentResponseSchema,
  kpiResponseSchema,
  lifecycleCostResponseSchema,
  partForecastResponseSchema,
  partsForecastResponseSchema,
} from './schemas/kpi.schemas';

/** A component with confirmed defects in the period (`replacementCost` for provider roles only). */
export type FailingComponentResponse = z.infer<typeof failingComponentResponseSchema>;

/** Service cost of an asset type per operating year (provider roles only). */
export type LifecycleCostResponse = z.infer<typeof lifecycleCostResponseSchema>;

/** `GET /api/kpis?from&to&assetType`: a figure that cannot be computed is null. */
export type KpiResponse = z.infer<typeof kpiResponseSchema>;

/** One part of `GET /api/parts/forecast`: expected count and the interval at `level`. */
export type PartForecastResponse = z.infer<typeof partForecastResponseSchema>;

/** `GET /api/parts/forecast?horizonDays=30|60|90`. */
export type PartsForecastResponse = z.infer<typeof partsForecastResponseSchema>;
