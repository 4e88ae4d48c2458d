import type { z } from 'zod';
import type {
  maintenancePlanResponseSchema,
  maintenancePlanScheduleResponseSchema,
  ruleRequestSchema,
  ruleBacktestResponseSchema,
  ruleResponseSchema,
  serviceOrderPrioritySchema,
} from './schemas/service-loop.schemas';

/** Priority of an order a rule or plan raises. */
export type ServiceOrderPriority = z.infer<typeof serviceOrderPrioritySchema>;

/** A rule's condition: beyond `limit` for `forSeconds`, re-armed after `clearMargin` back for `clearForSeconds`. */
export type RuleConditionBody = RuleResponse['condition'];

/** `POST /api/rules`, `PUT /api/rules/{id}` (provider users). */
export type RuleRequest = z.input<typeof ruleRequestSchema>;

/** `GET /api/rules`, `GET /api/rules/{id}`. */
export type RuleResponse = z.infer<typeof ruleResponseSchema>;

/** `POST /api/rules/backtest`: `{assetType, condition, from, to, assetIds?}`. */
export type RuleBacktestResponse = z.infer<typeof ruleBacktestResponseSchema>;

/** `POST /api/maintenance-plans` (provider users): `assetType` or `assetId`, `intervalDays` and/or `intervalHours`. */
export interface MaintenancePlanRequest {
  tenantId: string;
  name: string;
  assetType?: string;
  assetId?: string;
  component: string;
  intervalDays?: number | null;
  intervalHours?: number | null;
  leadDays?: number;
  reminderDays?: number[];
  timeZone?: string;
  priority?: ServiceOrderPriority;
  startsAt?: string;
  enabled?: boolean;
}

/** `GET /api/maintenance-plans`, `GET/PATCH /api/maintenance-plans/{id}`. */
export type MaintenancePlanResponse = z.infer<typeof maintenancePlanResponseSchema>;

/** `GET /api/maintenance-plans/{id}/schedule`: each asset's current interval as of the last plan round. */
export type MaintenancePlanScheduleResponse = z.infer<typeof maintenancePlanScheduleResponseSchema>;
