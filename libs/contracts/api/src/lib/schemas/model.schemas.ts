import { z } from 'zod';
import { instant } from './envelope.schemas';

/** A registry version: its folder name and `name@hash` version. */
export const modelRefResponseSchema = z.strictObject({ name: z.string(), version: z.string() });

/** The version in a slot, with who put it there and when. */
export const deployedModelResponseSchema = modelRefResponseSchema.extend({
  changedBy: z.string(),
  changedAt: instant,
});

/** A model version as `GET /api/models` lists it. */
export const modelListingResponseSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  active: z.boolean(),
  shadow: z.boolean(),
  /** The model card (`model-card.json`): an open record. */
  card: z.record(z.string(), z.unknown()),
});

/** `GET /api/models`. */
export const modelListResponseSchema = z.strictObject({
  items: z.array(modelListingResponseSchema),
  deployments: z.strictObject({
    active: deployedModelResponseSchema.nullable(),
    shadow: deployedModelResponseSchema.nullable(),
  }),
});

/** `GET /api/models/history` items. */
export const modelDeploymentAuditResponseSchema = z.strictObject({
  id: z.number().int(),
  action: z.enum(['PROMOTE', 'ROLLBACK', 'SHADOW', 'UNSHADOW']),
  slot: z.enum(['active', 'shadow']),
  from: modelRefResponseSchema.nullable(),
  to: modelRefResponseSchema.nullable(),
  actor: z.string(),
  at: instant,
});

const figure = z.number().nullable();
/** Lead times (cycles) of the detected failures at one threshold. */
const leadTimeSchema = z.strictObject({
  count: z.number().int(),
  min: figure,
  p10: figure,
  p25: figure,
  median: figure,
  p75: figure,
  p90: figure,
  max: figure,
  mean: figure,
});

/** `GET /api/models/{version}/evaluation`: the version's stored evaluation report (`evaluation.json`). */
export const modelEvaluationResponseSchema = z.strictObject({
  formatVersion: z.literal(1),
  model: z.strictObject({
    name: z.string(),
    version: z.string(),
    horizon: z.number(),
    rulCap: z.number(),
  }),
  source: z.string(),
  createdAt: instant,
  units: z.number().int(),
  rows: z.number().int(),
  /** Named headline figures (cross-validated RMSE, PHM08 score). */
  headline: z.record(z.string(), z.number()),
  rul: z.strictObject({
    rmseCapped: figure,
    rmseUpToCap: figure,
    byTrueRul: z.array(
      z.strictObject({
        from: z.number(),
        /** null: the last bucket, without an upper bound (Infinity in JSON). */
        to: z.number().nullable(),
        count: z.number().int(),
        bias: figure,
        mae: figure,
        rmse: figure,
        rmseCapped: figure,
      }),
    ),
  }),
  calibration: z.strictObject({
    bins: z.array(
      z.strictObject({
        from: z.number(),
        to: z.number(),
        count: z.number().int(),
        predicted: figure,
        observed: figure,
      }),
    ),
    brier: figure,
    expectedCalibrationError: figure,
    baseRate: figure,
  }),
  classification: z.array(
    z.strictObject({
      threshold: z.number(),
      truePositives: z.number().int(),
      falsePositives: z.number().int(),
      falseNegatives: z.number().int(),
      precision: figure,
      recall: figure,
      f1: figure,
    }),
  ),
  backtest: z.strictObject({
    consecutive: z.number().int(),
    falseBeyond: z.number(),
    minLead: z.number(),
    cyclesPerYear: z.number(),
    assetYears: z.number(),
    byThreshold: z.array(
      z.strictObject({
        threshold: z.number(),
        units: z.number().int(),
        detected: z.number().int(),
        missed: z.number().int(),
        earlyFirstWarnings: z.number().int(),
        leadTime: leadTimeSchema,
        falseWarnings: z.number().int(),
        falseWarningsPerAssetYear: figure,
      }),
    ),
  }),
});
