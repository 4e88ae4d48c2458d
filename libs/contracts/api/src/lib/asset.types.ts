import type { z } from 'zod';
import type {
  assetResponseSchema,
  assetRiskSchema,
  assetScoreHistoryResponseSchema,
  assetTelemetryResponseSchema,
  scoreHistoryResolutionSchema,
  telemetryResolutionSchema,
} from './schemas/asset.schemas';

/** The latest risk score of an asset. */
export type AssetRisk = z.infer<typeof assetRiskSchema>;

/** `GET /api/assets`, `GET /api/assets/{id}`. */
export type AssetResponse = z.infer<typeof assetResponseSchema>;

/** Resolutions of `GET /api/assets/{id}/telemetry?resolution=`. */
export type TelemetryResolutionParam = z.infer<typeof telemetryResolutionSchema>;

/** `GET /api/assets/{id}/telemetry?from&to&metrics&limit&resolution`. */
export type AssetTelemetryResponse = z.infer<typeof assetTelemetryResponseSchema>;

/** Resolutions of `GET /api/assets/{id}/scores` (picked by the API from the range). */
export type ScoreHistoryResolutionParam = z.infer<typeof scoreHistoryResolutionSchema>;

/** `GET /api/assets/{id}/scores?from&to`. */
export type AssetScoreHistoryResponse = z.infer<typeof assetScoreHistoryResponseSchema>;
