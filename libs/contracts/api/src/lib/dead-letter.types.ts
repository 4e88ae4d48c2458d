import type { z } from 'zod';
import type { deadLetterResponseSchema } from './schemas/operations.schemas';

/** `GET /api/dead-letters?reason&limit` items: telemetry that ingest rejected. */
export type DeadLetterResponse = z.infer<typeof deadLetterResponseSchema>;
