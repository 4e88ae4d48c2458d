import type { z } from 'zod';
import type {
  webhookListResponseSchema,
  webhookResponseSchema,
} from './schemas/service-loop.schemas';

/** `GET /api/webhooks` item, `GET/PATCH /api/webhooks/{id}`: never with its secret. */
export type WebhookResponse = z.infer<typeof webhookResponseSchema>;

/** `GET /api/webhooks`: the subscriptions and the event types a subscription may name. */
export type WebhookListResponse = z.infer<typeof webhookListResponseSchema>;
