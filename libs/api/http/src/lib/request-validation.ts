import { z } from 'zod';
import { isoToMicros } from '@hourglass/billing-records';
import { ValidationError } from './domain-error.filter';

/** Parses a request body or query with a zod schema; a 400 names every offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

/**
 * An ISO-8601 instant as the billing lib reads it (`isoToMicros`): a bad one is a 400 naming its
 * field, not the lib's message without one.
 */
export const isoInstant = z
  .string()
  .min(20)
  .max(40)
  .refine((text) => {
    try {
      isoToMicros(text);
      return true;
    } catch {
      return false;
    }
  }, 'an ISO-8601 instant with an offset, e.g. 2026-06-01T00:00:00Z');
