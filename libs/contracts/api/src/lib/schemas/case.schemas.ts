import { z } from 'zod';
import { instant } from './envelope.schemas';
import { failureOutcomeSchema, partUsedSchema } from './task.schemas';

/** A metric that moved over a window: its fitted change and rate relative to its level. */
export const metricMoveResponseSchema = z.strictObject({
  metric: z.string(),
  direction: z.enum(['UP', 'DOWN']),
  change: z.number(),
  /** Per day, relative to the window mean (0.02 = 2 % a day). */
  relativeRatePerDay: z.number(),
  samples: z.number().int(),
  /** The fitted change in the metric's residual standard deviations (absent in cases stored before it). */
  standardisedChange: z.number().optional(),
  /** The trend's slope over its standard error (absent in cases stored before it). */
  tStatistic: z.number().optional(),
});

/** `GET /api/cases` item; `orderId`, `tenantId` and `assetId` are absent for partner users (anonymised). */
export const caseResponseSchema = z.strictObject({
  caseId: z.string(),
  orderId: z.string().optional(),
  tenantId: z.string().optional(),
  assetId: z.string().optional(),
  assetType: z.string(),
  component: z.string(),
  failureCode: z.string(),
  problem: z.string(),
  cause: z.string().nullable(),
  remedy: z.string().nullable(),
  outcome: failureOutcomeSchema,
  parts: z.array(partUsedSchema),
  labourHours: z.number(),
  notes: z.string().nullable(),
  pattern: z.array(metricMoveResponseSchema),
  raisedAt: instant,
  completedAt: instant,
});

/** A ranked code of a suggestion, with the weighted share of cases that reported it (0-1). */
const rankedCodeSchema = z.strictObject({ code: z.string(), confidence: z.number() });

/** `GET` and `POST /api/tasks/{id}/suggestion`. */
export const caseSuggestionResponseSchema = z.strictObject({
  orderId: z.string(),
  assetType: z.string(),
  component: z.string(),
  problems: z.array(rankedCodeSchema),
  causes: z.array(rankedCodeSchema),
  remedies: z.array(rankedCodeSchema),
  parts: z.array(
    z.strictObject({ partNumber: z.string(), quantity: z.number(), confidence: z.number() }),
  ),
  casesConsidered: z.number().int(),
  pattern: z.array(metricMoveResponseSchema),
  computedAt: instant,
});

/** `GET /api/tasks/{id}/diagnosis`: per metric, how it moved against the fleet's 5th-95th range. */
export const diagnosisResponseSchema = z.strictObject({
  orderId: z.string(),
  assetId: z.string(),
  assetType: z.string(),
  component: z.string(),
  window: z.strictObject({ from: instant, to: instant }),
  fleetAssets: z.number().int(),
  metrics: z.array(
    z.strictObject({
      metric: z.string(),
      move: metricMoveResponseSchema.nullable(),
      latest: z.number(),
      fleetP5: z.number().nullable(),
      fleetP95: z.number().nullable(),
      outsideSince: instant.nullable(),
    }),
  ),
});

/** `GET /api/cases/hit-rate`: how often the top suggestion named the reported problem and cause. */
export const caseHitRateResponseSchema = z.strictObject({
  orders: z.number().int(),
  problemHits: z.number().int(),
  causeHits: z.number().int(),
  problemHitRate: z.number().nullable(),
  causeHitRate: z.number().nullable(),
});
