import { z } from 'zod';
import { instant } from './envelope.schemas';

/** The latest risk score of an asset. */
export const assetRiskSchema = z.strictObject({
  /** Probability of failure within `horizon` cycles. */
  probability: z.number(),
  horizon: z.number(),
  /** Predicted remaining useful life, in cycles. */
  rul: z.number(),
  modelVersion: z.string(),
  scoredAt: instant,
});

/** `GET /api/assets`, `GET /api/assets/{id}`. */
export const assetResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  deviceId: z.string(),
  type: z.string(),
  /** The last reported state (one of `DEVICE_STATES` of @hourglass/contracts-wire), null before any. */
  state: z.string().nullable(),
  lastSeen: instant.nullable(),
  installedAt: instant.nullable(),
  /** The device's MQTT connection from its retained status; null before it first connected. */
  connection: z.enum(['ONLINE', 'OFFLINE']).nullable(),
  /** When `connection` last changed. */
  connectionSince: instant.nullable(),
  risk: assetRiskSchema.nullable(),
});

/** Resolutions of `GET /api/assets/{id}/telemetry?resolution=`. */
export const telemetryResolutionSchema = z.enum(['raw', '1m', '1h']);

/** `GET /api/assets/{id}/telemetry?from&to&metrics&limit&resolution`. */
export const assetTelemetryResponseSchema = z.strictObject({
  assetId: z.string(),
  /** ISO 8601 bounds of the answered range. */
  from: instant,
  to: instant,
  resolution: telemetryResolutionSchema,
  /** Rows of the telemetry store (time, metrics; bucket starts when aggregated). */
  items: z.array(z.record(z.string(), z.unknown())),
  /** Pass as `cursor` (same from/to/metrics/resolution) for the rest of the range. */
  nextCursor: z.string().optional(),
});

/** Resolutions of `GET /api/assets/{id}/scores`: stored hours, or each UTC day's last hour. */
export const scoreHistoryResolutionSchema = z.enum(['1h', '1d']);

/** `GET /api/assets/{id}/scores?from&to`: risk and RUL over time, oldest first. */
export const assetScoreHistoryResponseSchema = z.strictObject({
  assetId: z.string(),
  /** ISO 8601 bounds of the answered range, [from, to). */
  from: instant,
  to: instant,
  /** Picked by the API from the range: `1h` up to 90 days, `1d` beyond. */
  resolution: scoreHistoryResolutionSchema,
  items: z.array(
    z.strictObject({
      /** When the point's score was taken (the hour's, or the day's, latest). */
      scoredAt: instant,
      probability: z.number(),
      /** Predicted remaining useful life, in cycles. */
      rul: z.number(),
      modelVersion: z.string(),
    }),
  ),
});
