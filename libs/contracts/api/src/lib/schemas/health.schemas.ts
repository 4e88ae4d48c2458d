import { z } from 'zod';

/** `GET /health` (no token): 200 once ready, 503 naming the failing dependencies. */
export const healthResponseSchema = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  failing: z.array(z.string()),
  checks: z.record(z.string(), z.enum(['ok', 'down'])),
});
