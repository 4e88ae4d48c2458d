import { z } from 'zod';
import { instant } from './envelope.schemas';
import { deployedModelResponseSchema } from './model.schemas';

/** `POST /api/models/{version}/promote`, `.../shadow`, `POST /api/models/rollback`, `DELETE /api/models/shadow`: both slots after the change. */
export const modelDeploymentsResponseSchema = z.strictObject({
  active: deployedModelResponseSchema.nullable(),
  shadow: deployedModelResponseSchema.nullable(),
});

/** `GET /api/dead-letters?reason&limit` items: telemetry that ingest rejected. */
export const deadLetterResponseSchema = z.strictObject({
  id: z.number().int(),
  /** Null when the topic named no valid device. */
  deviceId: z.string().nullable(),
  topic: z.string(),
  /** A telemetry reject reason (`invalid_json`, `type_mismatch`, ...). */
  reason: z.string(),
  detail: z.string(),
  /** The payload as received (UTF-8, cut at 64 KiB). */
  payload: z.string(),
  receivedAt: instant,
});

/** `POST /api/mqtt/authenticate`, `/authorize`: the answer EMQX's HTTP hooks expect. */
export const mqttHookAnswerSchema = z.strictObject({
  result: z.enum(['allow', 'deny']),
  is_superuser: z.literal(false).optional(),
});

/** `GET /api/events`: a server-sent event stream (`text/event-stream`). */
export const liveEventStreamSchema = z.string().meta({
  description:
    'server-sent events: `event:` asset.state or order.raised, `data:` one JSON object (LiveEvent of @hourglass/contracts-api)',
});
