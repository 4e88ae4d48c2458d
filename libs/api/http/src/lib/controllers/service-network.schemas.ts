import { z } from 'zod';
import { isoInstant } from '../request-validation';

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - (at most 100)');
const names = z.array(z.string().min(1).max(100)).max(100);
const certification = {
  certifiedFrom: isoInstant.nullable().optional(),
  certifiedTo: isoInstant.nullable().optional(),
};

/** `POST /api/partners`. */
export const partnerBody = z
  .object({ id, name: z.string().min(1).max(200), regions: names, skills: names, ...certification })
  .strict();

/** `POST /api/technicians`. */
export const technicianBody = z
  .object({
    id,
    name: z.string().min(1).max(200),
    partnerId: id.nullable(),
    regions: names.optional(),
    skills: names.optional(),
    ...certification,
  })
  .strict();

/** `POST /api/tasks/{id}/assignment`. */
export const assignmentBody = z.discriminatedUnion('mode', [
  z
    .object({ mode: z.literal('RULE'), region: z.string().min(1).max(100), plannedAt: isoInstant })
    .strict(),
  z
    .object({
      mode: z.literal('HAND'),
      region: z.string().min(1).max(100),
      plannedAt: isoInstant,
      partnerId: id.nullable(),
      technicianId: id.optional(),
      reason: z.string().max(500).optional(),
    })
    .strict(),
]);

/** `POST /api/tasks/{id}/visits`. */
export const visitBody = z
  .object({
    technicianId: id,
    arrivedAt: isoInstant,
    departedAt: isoInstant.optional(),
    outcome: z.enum(['FIXED', 'NEEDS_ANOTHER_VISIT']),
    partsSource: z.enum(['SUGGESTION', 'DEFAULT_KIT']).optional(),
  })
  .strict();

const money = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'a non-negative amount, e.g. 120.50');

/** `PUT /api/tasks/{id}/service-account`. */
export const accountBody = z
  .object({ revenue: money, partsCost: money, labourCost: money, travelCost: money })
  .strict();

/** `GET /api/service-network/figures`. */
export const figuresQuery = z.object({ from: isoInstant, to: isoInstant }).strict();
