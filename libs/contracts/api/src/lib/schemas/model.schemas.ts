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
