import type { z } from 'zod';
import type { PartnerResponse, ServiceFiguresResponse } from '../service-network.types';
import type {
  ChurnWarningResponse,
  CustomerHealthResponse,
  NpsReportResponse,
  SegmentsResponse,
} from '../success.types';
import type { ValueMatrixResponse } from '../value-matrix.types';
import type {
  churnWarningResponseSchema,
  customerHealthResponseSchema,
  npsReportResponseSchema,
  segmentsResponseSchema,
  valueMatrixResponseSchema,
} from './success.schemas';
import type {
  partnerResponseSchema,
  serviceFiguresResponseSchema,
} from './service-network.schemas';

// Compile time only. The REST types of these files are still hand-written interfaces (other
// screens are being built on them); each is held to its response schema here, so the two cannot
// drift apart without failing the type check (npm test runs tsc on every lib).

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

/** Every pair of interface and response schema that must describe the same answer. */
export type InterfacesMatchSchemas = [
  Assert<Same<z.infer<typeof customerHealthResponseSchema>, CustomerHealthResponse>>,
  Assert<Same<z.infer<typeof churnWarningResponseSchema>, ChurnWarningResponse>>,
  Assert<Same<z.infer<typeof npsReportResponseSchema>, NpsReportResponse>>,
  Assert<Same<z.infer<typeof segmentsResponseSchema>, SegmentsResponse>>,
  Assert<Same<z.infer<typeof valueMatrixResponseSchema>, ValueMatrixResponse>>,
  Assert<Same<z.infer<typeof partnerResponseSchema>, PartnerResponse>>,
  Assert<Same<z.infer<typeof serviceFiguresResponseSchema>, ServiceFiguresResponse>>,
];
