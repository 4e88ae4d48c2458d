import type { FailureOutcome, PartUsed } from '@hourglass/maintenance-tasks';

/** Which way a metric moved over a window. */
export type MoveDirection = 'UP' | 'DOWN';

/**
 * One metric that moved over the window before an order: the least-squares trend of its samples,
 * as the change over the window and as a rate relative to the metric's mean level.
 */
export interface MetricMove {
  metric: string;
  direction: MoveDirection;
  /** Fitted change from the window's first to its last sample, in the metric's unit. */
  change: number;
  /**
   * That change per day, relative to the window mean (0.02 = 2 % of the level per day); 0 for a
   * metric whose mean is 0. Shown to people; patterns are compared on `standardisedChange`.
   */
  relativeRatePerDay: number;
  /** Samples the trend was fitted on. */
  samples: number;
  /**
   * The fitted change in the metric's residual standard deviations (its noise around the trend).
   * Absent in patterns stored before it was computed.
   */
  standardisedChange?: number;
  /** The least-squares slope over its standard error: how clearly the trend stands out of the noise. Absent as above. */
  tStatistic?: number;
}

/** A completed order's failure report as knowledge: what was found, what fixed it, what it took. */
export interface ServiceCase {
  /** The library's own id (a number as a string), the same for every viewer. */
  caseId: string;
  orderId: string;
  tenantId: string;
  assetId: string;
  assetType: string;
  component: string;
  /** The code the technician reported, and its path split by level (cause, remedy null when not reported). */
  failureCode: string;
  problem: string;
  cause: string | null;
  remedy: string | null;
  outcome: FailureOutcome;
  parts: PartUsed[];
  labourHours: number;
  /** The order's free-text note, when it has one. */
  notes: string | null;
  /** The metrics that moved in the window before the order was raised, fastest first. */
  pattern: MetricMove[];
  raisedAt: string;
  completedAt: string;
}

/** A case as a partner's users see it: the knowledge without whose equipment it was. */
export type AnonymisedCase = Omit<ServiceCase, 'orderId' | 'tenantId' | 'assetId'>;

/** A ranked candidate: a code or part and the weighted share of similar cases that reported it. */
export interface RankedCode {
  code: string;
  /** Weighted share of the cases considered (0-1, 4 places). */
  confidence: number;
}

export interface RankedPart {
  partNumber: string;
  /** The quantity the weighted majority of those cases used. */
  quantity: number;
  confidence: number;
}

/** What the library suggests for an order: candidates best first, and what it was drawn from. */
export interface CaseSuggestion {
  orderId: string;
  assetType: string;
  component: string;
  problems: RankedCode[];
  causes: RankedCode[];
  remedies: RankedCode[];
  parts: RankedPart[];
  /** Cases of the same asset type and component that were weighed. */
  casesConsidered: number;
  /** The order's own pattern the cases were weighted against. */
  pattern: MetricMove[];
  computedAt: string;
}

/** One metric of a remote diagnosis: how it moved, since when, against the fleet's normal range. */
export interface DiagnosisMetric {
  metric: string;
  /** The trend over the window (null when the metric did not move). */
  move: MetricMove | null;
  latest: number;
  /** The fleet's normal range: 5th and 95th percentile of the same type's other assets, same window. */
  fleetP5: number | null;
  fleetP95: number | null;
  /** Since when the metric has been outside the fleet range without coming back (ISO), else null. */
  outsideSince: string | null;
}

/** The evidence behind an open order, computed from stored telemetry. */
export interface Diagnosis {
  orderId: string;
  assetId: string;
  assetType: string;
  component: string;
  window: { from: string; to: string };
  /** Other assets of the type whose telemetry made the fleet range. */
  fleetAssets: number;
  /** Metrics outside the range or moving first, then by name. */
  metrics: DiagnosisMetric[];
}

/** Suggested = reported, over completed orders that had a suggestion before they were completed. */
export interface CaseHitRate {
  orders: number;
  problemHits: number;
  causeHits: number;
  /** Null without orders. */
  problemHitRate: number | null;
  causeHitRate: number | null;
}

/** Codes of case-library errors; the HTTP edge maps them (NOT_FOUND 404, CASE_ORDER_CLOSED 409). */
export type CaseLibraryErrorCode = 'NOT_FOUND' | 'CASE_ORDER_CLOSED';

/** A refused case-library request, with its code. */
export class CaseLibraryError extends Error {
  constructor(
    readonly code: CaseLibraryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CaseLibraryError';
  }
}

/** One sample as the case library reads telemetry: epoch ms and metric values. */
export interface TelemetryPoint {
  ts: number;
  metrics: Record<string, number>;
}
