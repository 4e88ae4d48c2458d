// Console-specific view types. The REST request and response types come from
// @hourglass/contracts-api; what stays here is what that lib does not cover yet (`GET /api/me`,
// contract health) or the console's narrowed reading of an open-ended answer (telemetry rows,
// model cards).
import type { UserResponse } from '@hourglass/contracts-api';

/** `GET /api/me`: who the token belongs to. */
export type Me = Pick<UserResponse, 'name' | 'role' | 'tenantId'>;

/** One row of `GET /api/assets/{id}/telemetry` as the chart reads it (see `telemetryRows`). */
export interface TelemetryRow {
  ts: number;
  metrics: Record<string, number>;
  state?: string;
}

/** `GET /api/contracts/{id}/health` (not in @hourglass/contracts-api yet). */
export interface ContractHealth {
  contractId: string;
  status: 'ACTIVE' | 'TERMINATED';
  asOf: string;
  currency: string;
  current: {
    period: string;
    availabilityPct: string;
    targetPct: string;
    meetsTarget: boolean;
    runHours: string;
    creditSoFar: string;
  };
  atRisk: Array<{ assetId: string; probability: number; rul: number; creditIfFails: string }>;
  expectedCredit: string;
  margin: { revenue: string; taskCost: string; margin: string; marginPct: string | null };
}

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
