import { z } from 'zod';
import { isKnownTimeZone } from '@hourglass/maintenance-plans';

const name = z.string().trim().min(1).max(200);
const key = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'letters, digits, _ . : - (at most 128)');
const priority = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
const isoInstant = z.string().datetime({ offset: true });

// The rule bodies are the contracts lib's (the OpenAPI document shows the same schemas).
export {
  ruleBacktestRequestSchema as ruleBacktestSchema,
  ruleConditionSchema,
  ruleRequestSchema as ruleBodySchema,
} from '@hourglass/contracts-api';

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
