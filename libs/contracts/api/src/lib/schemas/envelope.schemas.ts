import { z } from 'zod';

/**
 * The body of every error answer: a domain code (`DEVICE_NOT_FOUND`, `VALIDATION`, ...), or
 * `HTTP_<status>` for refusals of the HTTP layer (401, 403, 404 of an unknown route), or `INTERNAL`.
 */
export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    /** Human-readable; for validation errors, the list of problems. */
    message: z.union([z.string(), z.array(z.string())]),
  }),
});

/** What every paginated list answers: `{items}`, with `nextCursor` until the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    /** Pass as `cursor` to get the next page; absent on the last page. */
    nextCursor: z.string().optional(),
  });
}

/** An unpaginated list: `{items}`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item) });
}

/** An ISO 8601 instant as the API writes it. */
export const instant = z.string().meta({ format: 'date-time' });
