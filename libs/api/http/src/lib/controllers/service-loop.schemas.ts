import { z } from 'zod';
import { isKnownTimeZone } from '@hourglass/maintenance-plans';

const name = z.string().trim().min(1).max(200);
const key = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'letters, digits, _ . : - (at most 128)');
const priority = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const isoInstant = z.string().datetime({ offset: true });

/** A rule's condition (`POST/PUT /api/rules`, `POST /api/rules/backtest`). */
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

/** `POST /api/rules` and `PUT /api/rules/{id}`. */
export const ruleBodySchema = z
  .object({
    name,
    assetType: key,
    tenantId: key.nullable().default(null),
    condition: ruleConditionSchema,
    component: key,
    priority: priority.default('MEDIUM'),
    enabled: z.boolean().default(true),
  })
  .strict();

/** `POST /api/rules/backtest`: a condition tried on history, at most 366 days. */
export const ruleBacktestSchema = z
  .object({
    assetType: key,
    condition: ruleConditionSchema,
    from: isoInstant,
    to: isoInstant,
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

const timeZone = z.string().refine(isKnownTimeZone, 'an IANA time zone such as Europe/Berlin');
const reminderDays = z
  .array(z.number().int().min(0).max(3_650))
  .max(20)
  .refine((d) => new Set(d).size === d.length, 'distinct days');
const planFields = {
  name,
  component: key,
  intervalDays: z.number().int().min(1).max(36_500).nullable(),
  intervalHours: z.number().positive().max(10_000_000).nullable(),
  leadDays: z.number().int().min(0).max(3_650),
  reminderDays,
  timeZone,
  priority,
  startsAt: isoInstant,
  enabled: z.boolean(),
};

/** `POST /api/maintenance-plans`: one target (`assetType` or `assetId`), at least one interval. */
export const planCreateSchema = z
  .object({
    tenantId: key,
    assetType: key.optional(),
    assetId: key.optional(),
    ...planFields,
    intervalDays: planFields.intervalDays.default(null),
    intervalHours: planFields.intervalHours.default(null),
    leadDays: planFields.leadDays.default(0),
    reminderDays: reminderDays.default([30, 15, 7, 0]),
    timeZone: timeZone.default('UTC'),
    priority: priority.default('MEDIUM'),
    startsAt: isoInstant.optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((b) => (b.assetType === undefined) !== (b.assetId === undefined), {
    message: 'exactly one of assetType and assetId',
    path: ['assetType'],
  })
  .refine((b) => b.intervalDays !== null || b.intervalHours !== null, {
    message: 'intervalDays or intervalHours (or both)',
    path: ['intervalDays'],
  });

/** `PATCH /api/maintenance-plans/{id}`: any field but the tenant and target. */
export const planPatchSchema = z.object(planFields).partial().strict();
