import type { FailureOutcome, PartUsed } from './task.types';

/** A metric that moved over a window: its fitted change and rate relative to its level. */
export interface MetricMoveResponse {
  metric: string;
  direction: 'UP' | 'DOWN';
  change: number;
  /** Per day, relative to the window mean (0.02 = 2 % a day). */
  relativeRatePerDay: number;
  samples: number;
  /** The fitted change in the metric's residual standard deviations (absent in cases stored before it). */
  standardisedChange?: number;
  /** The trend's slope over its standard error (absent in cases stored before it). */
  tStatistic?: number;
}

/** `GET /api/cases` item; `orderId`, `tenantId` and `assetId` are absent for partner users (anonymised). */
export interface CaseResponse {
  caseId: string;
  orderId?: string;
  tenantId?: string;
  assetId?: string;
  assetType: string;
  component: string;
  failureCode: string;
  problem: string;
  cause: string | null;
  remedy: string | null;
  outcome: FailureOutcome;
  parts: PartUsed[];
  labourHours: number;
  notes: string | null;
  pattern: MetricMoveResponse[];
  raisedAt: string;
  completedAt: string;
}

/** A ranked code of a suggestion, with the weighted share of cases that reported it (0-1). */
export interface RankedCodeResponse {
  code: string;
  confidence: number;
}

/** `GET /api/tasks/{id}/suggestion`. */
export interface CaseSuggestionResponse {
  orderId: string;
  assetType: string;
  component: string;
  problems: RankedCodeResponse[];
  causes: RankedCodeResponse[];
  remedies: RankedCodeResponse[];
  parts: Array<{ partNumber: string; quantity: number; confidence: number }>;
  casesConsidered: number;
  pattern: MetricMoveResponse[];
  computedAt: string;
}

/** One metric of `GET /api/tasks/{id}/diagnosis`. */
export interface DiagnosisMetricResponse {
  metric: string;
  move: MetricMoveResponse | null;
  latest: number;
  fleetP5: number | null;
  fleetP95: number | null;
  outsideSince: string | null;
}

/** `GET /api/tasks/{id}/diagnosis`. */
export interface DiagnosisResponse {
  orderId: string;
  assetId: string;
  assetType: string;
  component: string;
  window: { from: string; to: string };
  fleetAssets: number;
  metrics: DiagnosisMetricResponse[];
}

/** `GET /api/cases/hit-rate`. */
export interface CaseHitRateResponse {
  orders: number;
  problemHits: number;
  causeHits: number;
  problemHitRate: number | null;
  causeHitRate: number | null;
}
