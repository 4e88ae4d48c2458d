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
