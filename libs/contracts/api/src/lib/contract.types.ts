import type { z } from 'zod';
import type {
  contractDetailResponseSchema,
  contractHealthResponseSchema,
  contractResponseSchema,
  contractStatusSchema,
  contractTermsResponseSchema,
  contractVersionResponseSchema,
  coverageIntervalResponseSchema,
} from './schemas/contract.schemas';

/** Whether a contract runs on or has an end date. */
export type ContractStatus = z.infer<typeof contractStatusSchema>;

/** One effective-dated coverage interval of an asset by a (non-fleet) contract. */
export type CoverageIntervalResponse = z.infer<typeof coverageIntervalResponseSchema>;

/** `GET /api/contracts` items. */
export type ContractResponse = z.infer<typeof contractResponseSchema>;

/** The terms of a contract version: the four named fields and the billing engine's others. */
export type ContractTermsResponse = z.infer<typeof contractTermsResponseSchema>;

/** One version of a contract's terms. */
export type ContractVersionResponse = z.infer<typeof contractVersionResponseSchema>;

/** `GET /api/contracts/{id}` (and the answer of the calls that change a contract). */
export type ContractDetailResponse = z.infer<typeof contractDetailResponseSchema>;

/** `GET /api/contracts/{id}/health` (`margin` for provider users only). */
export type ContractHealthResponse = z.infer<typeof contractHealthResponseSchema>;
