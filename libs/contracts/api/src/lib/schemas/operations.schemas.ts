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

/** `GET /api/models/shadow/scores?version` items: a challenger's latest score per asset. */
export const shadowScoreResponseSchema = z.strictObject({
  assetId: z.string(),
  tenantId: z.string(),
  probability: z.number(),
  horizon: z.number(),
  rul: z.number(),
  modelVersion: z.string(),
  scoredAt: instant,
  windowEnd: instant,
});

/** `GET /api/contracts/{id}/audit` items (provider users): who changed what, oldest first. */
export const contractAuditEntryResponseSchema = z.strictObject({
  id: z.number().int(),
  contractId: z.string(),
  actor: z.string(),
  action: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: instant,
});

/** `GET /api/assets/{id}/billing-events?from&to&limit` items: a stored billing event with its id. */
export const billingEventResponseSchema = z.strictObject({
  /** `<STATE|HEARTBEAT|HOUR_METER>@<observed µs>` or a correction id `c-<uuid>`. */
  id: z.string(),
  kind: z.string(),
  observedAt: instant,
  receivedAt: instant,
  state: z.string().nullable(),
  meterHours: z.number().nullable(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
});

/** `GET /api/assets/{id}/corrections` items: a correction of a billing event (customers get no `author`). */
export const correctionResponseSchema = z.strictObject({
  /** `c-<uuid>`: the correction's event id (a later correction may supersede it). */
  id: z.string(),
  assetId: z.string(),
  /** The superseded event: `<kind>@<observed µs>`, or an earlier correction's id. */
  supersedes: z.string(),
  observedAt: instant,
  observedAtUs: z.number(),
  /** The corrected state, or null for a meter correction. */
  state: z.string().nullable(),
  /** The corrected hour-meter reading in hours, or null for a state correction. */
  meterHours: z.number().nullable(),
  reason: z.string(),
  author: z.string().optional(),
  receivedAt: instant,
  receivedAtUs: z.number(),
});

/** `POST /api/assets/{id}/corrections`: the correction, what the superseded event carried and the contracts whose audit recorded it. */
export const recordedCorrectionResponseSchema = correctionResponseSchema.extend({
  original: z.strictObject({ state: z.string().nullable(), meterHours: z.number().nullable() }),
  contracts: z.array(z.string()),
});

/** `POST /api/devices/{id}/telemetry` (device Basic auth): samples now durable, and what was rejected. */
export const ingestReceiptResponseSchema = z.strictObject({
  /** Samples of the message now durable (in the store or the spool). */
  accepted: z.number().int(),
  /** What was rejected, in message order: counted and dead-lettered as for MQTT. */
  rejected: z.array(
    z.strictObject({
      /** Stable machine-readable reason (metric label, dead-letter reason). */
      reason: z.string(),
      detail: z.string(),
      /** The sample's position in the batch; absent when the whole payload was rejected. */
      index: z.number().int().optional(),
    }),
  ),
});
