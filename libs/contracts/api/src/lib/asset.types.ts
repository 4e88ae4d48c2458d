/** The latest risk score of an asset. */
export interface AssetRisk {
  /** Probability of failure within `horizon` cycles. */
  probability: number;
  horizon: number;
  /** Predicted remaining useful life, in cycles. */
  rul: number;
  modelVersion: string;
  /** ISO 8601. */
  scoredAt: string;
}

/** `GET /api/assets`, `GET /api/assets/{id}`. */
export interface AssetResponse {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
  /** The last reported state (one of `DEVICE_STATES` of @hourglass/contracts-wire), null before any. */
  state: string | null;
  lastSeen: string | null;
  installedAt: string | null;
  risk: AssetRisk | null;
}

/** Resolutions of `GET /api/assets/{id}/telemetry?resolution=`. */
export type TelemetryResolutionParam = 'raw' | '1m' | '1h';

/** `GET /api/assets/{id}/telemetry?from&to&metrics&limit&resolution`. */
export interface AssetTelemetryResponse {
  assetId: string;
  /** ISO 8601 bounds of the answered range. */
  from: string;
  to: string;
  resolution: TelemetryResolutionParam;
  /** Rows of the telemetry store (time, metrics; bucket starts when aggregated). */
  items: Array<Record<string, unknown>>;
}
