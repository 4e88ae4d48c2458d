import type { z } from 'zod';
import type {
  deployedModelResponseSchema,
  modelDeploymentAuditResponseSchema,
  modelListResponseSchema,
  modelListingResponseSchema,
  modelRefResponseSchema,
} from './schemas/model.schemas';

/** A registry version: its folder name and `name@hash` version. */
export type ModelRefResponse = z.infer<typeof modelRefResponseSchema>;

/** The version in a slot, with who put it there and when. */
export type DeployedModelResponse = z.infer<typeof deployedModelResponseSchema>;

/** A model version as `GET /api/models` lists it. */
export type ModelListingResponse = z.infer<typeof modelListingResponseSchema>;

/** `GET /api/models`. */
export type ModelListResponse = z.infer<typeof modelListResponseSchema>;

/** `GET /api/models/history` items. */
export type ModelDeploymentAuditResponse = z.infer<typeof modelDeploymentAuditResponseSchema>;
