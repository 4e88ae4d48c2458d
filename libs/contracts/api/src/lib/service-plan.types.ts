/** Priority of an order a rule or plan raises. */
export type ServiceOrderPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** A rule's condition: beyond `limit` for `forSeconds`, re-armed after `clearMargin` back for `clearForSeconds`. */
export interface RuleConditionBody {
  kind: 'THRESHOLD' | 'HEALTH_INDEX';
  metric: string;
  operator: 'ABOVE' | 'BELOW';
  limit: number;
  forSeconds: number;
  clearMargin: number;
  clearForSeconds: number;
}

/** `POST /api/rules`, `PUT /api/rules/{id}` (provider users). */
export interface RuleRequest {
  name: string;
  assetType: string;
  /** Default: every tenant. */
  tenantId?: string | null;
  condition: RuleConditionBody;
  component: string;
  priority?: ServiceOrderPriority;
  enabled?: boolean;
}

/** `GET /api/rules`, `GET /api/rules/{id}`. */
export interface RuleResponse {
  id: string;
  tenantId: string | null;
  assetType: string;
  name: string;
  condition: RuleConditionBody;
  component: string;
  priority: ServiceOrderPriority;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/rules/backtest`: `{assetType, condition, from, to, assetIds?}`. */
export interface RuleBacktestResponse {
  from: string;
  to: string;
  total: number;
  assets: Array<{ assetId: string; firings: number; firedAt: string[]; samples: number }>;
  truncated: boolean;
}

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
export interface MaintenancePlanResponse {
  id: string;
  tenantId: string;
  name: string;
  target: { assetType: string } | { assetId: string };
  component: string;
  intervalDays: number | null;
  intervalHours: number | null;
  leadDays: number;
  reminderDays: number[];
  timeZone: string;
  priority: ServiceOrderPriority;
  startsAt: string;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/maintenance-plans/{id}/schedule`: each asset's current interval as of the last plan round. */
export interface MaintenancePlanScheduleResponse {
  planId: string;
  timeZone: string;
  assets: Array<{
    assetId: string;
    cycle: number;
    anchorAt: string;
    dueDate: string | null;
    dueBasis: 'DAYS' | 'HOURS' | null;
    orderDate: string | null;
    hoursSinceAnchor: number | null;
    hoursPerDay: number | null;
    projectedAt: string | null;
    orderId: string | null;
    orderRaisedAt: string | null;
    reminders: Array<{
      daysBefore: number;
      date: string;
      status: 'SENT' | 'SKIPPED' | 'PENDING';
      recordedAt: string | null;
    }>;
  }>;
}
