// Console-specific view types. The REST request and response types come from
// @hourglass/contracts-api (inferred from the zod schemas the OpenAPI document is built from); what
// stays here are the console's names for two of them and its narrowed reading of an open-ended
// answer (telemetry rows, model cards).
import type { ContractHealthResponse, MeResponse } from '@hourglass/contracts-api';

/** `GET /api/me`: who the token belongs to. */
export type Me = MeResponse;

/** One row of `GET /api/assets/{id}/telemetry` as the chart reads it (see `telemetryRows`). */
export interface TelemetryRow {
  ts: number;
  metrics: Record<string, number>;
  state?: string;
}

/** `GET /api/contracts/{id}/health` (`margin` for provider users only). */
export type ContractHealth = ContractHealthResponse;

/** The parts of a model card the console shows (the card, an open record in the API, has more). */
export interface ModelCardSummary {
  name?: string;
  version?: string;
  createdAt?: string;
  summary?: string;
  horizon?: number;
  crossValidation?: { rmse?: number; scorePer100?: number; brier?: number; folds?: number };
  limitations?: string[];
}

/** The parts of a model's evaluation report the console draws (`GET /api/models/{v}/evaluation`). */
export interface ModelEvaluation {
  source?: string;
  units?: number;
  headline?: Record<string, number>;
  rul?: {
    rmseCapped?: number;
    byTrueRul?: Array<{ from: number; to: number; count: number; bias: number; rmse: number }>;
  };
  calibration?: {
    bins?: Array<{ from: number; to: number; count: number; predicted: number; observed: number }>;
    brier?: number;
    expectedCalibrationError?: number;
    baseRate?: number;
  };
  backtest?: {
    consecutive?: number;
    falseBeyond?: number;
    minLead?: number;
    assetYears?: number;
    byThreshold?: Array<{
      threshold: number;
      units: number;
      detected: number;
      missed: number;
      leadTime?: { count: number; median?: number; p10?: number };
      falseWarnings: number;
      falseWarningsPerAssetYear: number;
    }>;
  };
}

/** A stored warning policy (`GET /api/warning-policies` items), the fields the console reads. */
export interface WarningPolicyView {
  assetType: string;
  threshold: number;
  horizon: number;
  consecutive: number;
}
