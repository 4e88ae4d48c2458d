import type { z } from 'zod';
import type { errorResponseSchema } from './schemas/envelope.schemas';

/** What every list endpoint answers: `{ items }`, with `nextCursor` once the list is paginated. */
export interface ListResponse<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; absent on the last page (and on unpaginated lists). */
  nextCursor?: string;
}

/**
 * The body of every error answer: a domain code (`DEVICE_NOT_FOUND`, `VALIDATION`, ...), or
 * `HTTP_<status>` for refusals of the HTTP layer (401, 403, 404 of an unknown route), or `INTERNAL`.
 */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
