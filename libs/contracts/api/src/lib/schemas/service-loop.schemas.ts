import { z } from 'zod';
import { instant } from './envelope.schemas';

const name = z.string().trim().min(1).max(200);
const key = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'letters, digits, _ . : - (at most 128)');
const offsetInstant = z.string().datetime({ offset: true });

/** Priority of an order a rule or plan raises. */
export const serviceOrderPrioritySchema = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/** A rule's condition: beyond `limit` for `forSeconds`, re-armed after `clearMargin` back for `clearForSeconds`. */
export const ruleConditionSchema = z
  .object({
    kind: z.enum(['THRESHOLD', 'HEALTH_INDEX']).default('THRESHOLD'),
    metric: key,
    operator: z.enum(['ABOVE', 'BELOW']),
    limit: z.number().finite(),
    forSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(0),
    clearMargin: z.number().finite().min(0).default(0),
    clearForSeconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .default(0),
  })
  .strict();

/** `POST /api/rules` and `PUT /api/rules/{id}` body (provider users). */
export const ruleRequestSchema = z
  .object({
    name,
    assetType: key,
    /** Default: every tenant. */
    tenantId: key.nullable().default(null),
    condition: ruleConditionSchema,
    component: key,
    priority: serviceOrderPrioritySchema.default('MEDIUM'),
    enabled: z.boolean().default(true),
  })
  .strict();

/** `POST /api/rules/backtest` body: a condition tried on history, at most 366 days. */
export const ruleBacktestRequestSchema = z
  .object({
    assetType: key,
    condition: ruleConditionSchema,
    from: offsetInstant,
    to: offsetInstant,
    assetIds: z.array(key).max(1_000).optional(),
  })
  .strict()
  .refine((b) => Date.parse(b.from) < Date.parse(b.to), {
    message: 'from must be before to',
    path: ['from'],
  })
  .refine((b) => Date.parse(b.to) - Date.parse(b.from) <= 366 * 86_400_000, {
    message: 'at most 366 days',
    path: ['to'],
  });

/** `GET /api/rules` items, `GET/PUT /api/rules/{id}`. */
export const ruleResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string().nullable(),
  assetType: z.string(),
  name: z.string(),
  condition: z.strictObject({
    kind: z.enum(['THRESHOLD', 'HEALTH_INDEX']),
    metric: z.string(),
    operator: z.enum(['ABOVE', 'BELOW']),
    limit: z.number(),
    forSeconds: z.number(),
    clearMargin: z.number(),
    clearForSeconds: z.number(),
  }),
  component: z.string(),
  priority: serviceOrderPrioritySchema,
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

/** `POST /api/rules/backtest`: how often the condition would have fired, per asset. */
export const ruleBacktestResponseSchema = z.strictObject({
  from: instant,
  to: instant,
  total: z.number().int(),
  assets: z.array(
    z.strictObject({
      assetId: z.string(),
      firings: z.number().int(),
      firedAt: z.array(instant),
      samples: z.number().int(),
    }),
  ),
  truncated: z.boolean(),
});

/** `GET /api/maintenance-plans` items, `POST`, `GET/PATCH /api/maintenance-plans/{id}`. */
export const maintenancePlanResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  target: z.union([
    z.strictObject({ assetType: z.string() }),
    z.strictObject({ assetId: z.string() }),
  ]),
  component: z.string(),
  intervalDays: z.number().int().nullable(),
  intervalHours: z.number().nullable(),
  leadDays: z.number().int(),
  reminderDays: z.array(z.number().int()),
  timeZone: z.string(),
  priority: serviceOrderPrioritySchema,
  startsAt: instant,
  enabled: z.boolean(),
  createdBy: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

/** `GET /api/maintenance-plans/{id}/schedule`: each asset's current interval as of the last plan round. */
export const maintenancePlanScheduleResponseSchema = z.strictObject({
  planId: z.string(),
  timeZone: z.string(),
  assets: z.array(
    z.strictObject({
      assetId: z.string(),
      cycle: z.number().int(),
      anchorAt: instant,
      dueDate: z.string().nullable(),
      dueBasis: z.enum(['DAYS', 'HOURS']).nullable(),
      orderDate: z.string().nullable(),
      hoursSinceAnchor: z.number().nullable(),
      hoursPerDay: z.number().nullable(),
      projectedAt: instant.nullable(),
      orderId: z.string().nullable(),
      orderRaisedAt: instant.nullable(),
      reminders: z.array(
        z.strictObject({
          daysBefore: z.number().int(),
          date: z.string(),
          status: z.enum(['SENT', 'SKIPPED', 'PENDING']),
          recordedAt: instant.nullable(),
        }),
      ),
    }),
  ),
});

const eventTypes = z.array(z.string().max(100)).min(1).max(50);

/** `POST /api/webhooks` body (provider users). */
export const webhookCreateRequestSchema = z
  .object({
    tenantId: z.string().min(1).max(100),
    url: z.string().max(2000).meta({ example: 'https://cmms.example.com/hooks/hourglass' }),
    eventTypes: eventTypes.meta({ example: ['work_order.raised', 'plan.reminder'] }),
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

/** `PATCH /api/webhooks/{id}` body: at least one field; `rotateSecret` answers the new secret once. */
export const webhookPatchRequestSchema = z
  .object({
    url: z.string().max(2000).optional(),
    eventTypes: eventTypes.optional(),
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
    rotateSecret: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (b) => Object.keys(b).length > 0,
    'give url, eventTypes, description, enabled or rotateSecret',
  );

/** `GET /api/webhooks` item, `GET/PATCH /api/webhooks/{id}`: without its secret. */
export const webhookResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  description: z.string().nullable(),
  enabled: z.boolean(),
  consecutiveFailures: z.number().int(),
  disabledReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

/** `POST /api/webhooks` (and `PATCH` with `rotateSecret`): with the signing secret, shown once. */
export const webhookWithSecretResponseSchema = webhookResponseSchema.extend({
  secret: z.string(),
});

/** `GET /api/webhooks`: the subscriptions and the event types a subscription may name. */
export const webhookListResponseSchema = z.strictObject({
  items: z.array(webhookResponseSchema),
  eventTypes: z.array(z.string()),
});

/** One event queued for one subscription, with its attempts (`GET .../deliveries`, test, replay). */
export const webhookDeliveryResponseSchema = z.strictObject({
  id: z.string(),
  subscriptionId: z.string(),
  tenantId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']),
  attempts: z.number().int(),
  nextAttemptAt: instant.nullable(),
  replayOf: z.string().nullable(),
  createdAt: instant,
  completedAt: instant.nullable(),
  /** The envelope sent: `{id, type, occurredAt, tenantId, data}`. */
  payload: z.strictObject({
    id: z.string(),
    type: z.string(),
    occurredAt: instant,
    tenantId: z.string(),
    data: z.unknown(),
  }),
  log: z.array(
    z.strictObject({
      attempt: z.number().int(),
      startedAt: instant,
      durationMs: z.number(),
      /** The receiver's HTTP status; null when no answer came. */
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
