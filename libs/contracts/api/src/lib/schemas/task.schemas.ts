import { z } from 'zod';
import { instant } from './envelope.schemas';

/**
 * Status of a work order: OPEN -> ACKNOWLEDGED -> SCHEDULED -> IN_PROGRESS -> DONE, WAITING_PARTS
 * while parts are short, CANCELLED until work starts. DONE and CANCELLED are final.
 */
export const taskStatusSchema = z.enum([
  'OPEN',
  'ACKNOWLEDGED',
  'SCHEDULED',
  'WAITING_PARTS',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
]);
/** Lowest first. */
export const taskPrioritySchema = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
/** What raised a work order. */
export const taskSourceSchema = z.enum(['MODEL', 'RULE', 'PLAN']);
/** What the technician found. */
export const failureOutcomeSchema = z.enum([
  'DEFECT_CONFIRMED_REPLACED',
  'NO_FAULT_FOUND',
  'OTHER',
]);

/** A part a completed order used; `unitCost` decimal string (provider users). */
export const partUsedSchema = z.strictObject({
  partNumber: z.string(),
  quantity: z.number().int(),
  unitCost: z.string().optional(),
});

/** The failure report `DONE` requires (400 naming the missing field). */
export const failureReportSchema = z.strictObject({
  outcome: failureOutcomeSchema,
  /** A problem, cause or remedy code under the order's component (`GET /api/failure-codes/{assetType}`). */
  failureCode: z.string(),
  parts: z.array(partUsedSchema),
  labourHours: z.number(),
  /** Decimal string per hour (provider users); with unit costs it prices the order unless `cost` is given. */
  labourRate: z.string().optional(),
});

/** `GET /api/tasks`, `GET/PATCH /api/tasks/{id}`. */
export const taskResponseSchema = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  assetId: z.string(),
  component: z.string(),
  status: taskStatusSchema,
  priority: taskPrioritySchema,
  /** Model orders only (null for rules and plans). */
  predictedRul: z.number().nullable(),
  risk: z.number().nullable(),
  modelVersion: z.string().nullable(),
  /** What raised the order and its reference (model version, rule id, plan id). */
  source: taskSourceSchema,
  sourceRef: z.string(),
  replaceBy: instant,
  createdAt: instant,
  updatedAt: instant,
  /** When the task became DONE; null while it is not DONE. */
  completedAt: instant.nullable(),
  outcome: z.string().nullable(),
  /** Decimal string, 2 decimals (`0.00` until set); absent for customer and partner users. */
  cost: z.string().optional(),
  /** The asset's type; null on old rows of deleted assets. */
  assetType: z.string().nullable(),
  /** Planned date of a scheduled order, else null. */
  plannedFor: instant.nullable(),
  assignee: z.string().nullable(),
  /** When the order was first acknowledged or moved on from OPEN. */
  acknowledgedAt: instant.nullable(),
  /** When work first started; CANCELLED is refused after it. */
  startedAt: instant.nullable(),
  /** The report the order was completed with; null before, and on older rows. */
  failureReport: failureReportSchema.nullable(),
  /** Parts the order will need, from its component's bill of materials when raised. */
  partsNeeded: z.array(partUsedSchema),
});

/** Level of a failure code: component -> problem -> cause -> remedy. */
export const failureCodeLevelSchema = z.enum(['COMPONENT', 'PROBLEM', 'CAUSE', 'REMEDY']);

/** `GET /api/failure-codes/{assetType}` items; `PUT` takes `{codes: [...]}` (provider users). */
export const failureCodeResponseSchema = z.strictObject({
  code: z.string(),
  level: failureCodeLevelSchema,
  parent: z.string().nullable(),
  description: z.string(),
});

/** What a history entry records. */
export const taskHistoryKindSchema = z.enum(['RAISED', 'TRANSITION', 'ESCALATION', 'NOTE']);

/** `GET /api/tasks/{id}/history` items, oldest first. */
export const taskHistoryEntryResponseSchema = z.strictObject({
  kind: taskHistoryKindSchema,
  from: taskStatusSchema.nullable(),
  to: taskStatusSchema,
  /** The caller's name as audits name it (`admin`, a user's name), or `platform`. */
  actor: z.string(),
  at: instant,
  detail: z.record(z.string(), z.unknown()).nullable(),
});
