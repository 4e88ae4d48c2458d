// Response shapes of the REST API the console reads. They mirror the API's public JSON; the lead
// replaces them with @hourglass/contracts-api once that lib lands.

/** Roles the API knows (`GET /api/me`). */
export type UserRole = 'provider-admin' | 'provider' | 'customer';

/** `GET /api/me`: who the token belongs to. */
export interface Me {
  name: string;
  role: UserRole;
  tenantId: string | null;
}

/** `GET /api/assets` items. */
export interface Asset {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
  state: string | null;
  lastSeen: string | null;
  installedAt: string | null;
  risk: {
    probability: number;
    horizon: number;
    rul: number;
    modelVersion: string;
    scoredAt: string;
  } | null;
}

/** One row of `GET /api/assets/{id}/telemetry`. */
export interface TelemetryRow {
  ts: number;
  metrics: Record<string, number>;
  state?: string;
}

/** `GET /api/assets/{id}/telemetry`. */
export interface TelemetrySeries {
  assetId: string;
  from: string;
  to: string;
  resolution: 'raw' | '1m' | '1h';
  items: TelemetryRow[];
}

export type TaskStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export const TASK_STATUSES: readonly TaskStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'];
export type TaskPriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export const TASK_PRIORITIES: readonly TaskPriority[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** `GET /api/tasks` items. */
export interface Task {
  id: string;
  tenantId: string;
  assetId: string;
  component: string;
  status: TaskStatus;
  priority: TaskPriority;
  predictedRul: number;
  risk: number;
  modelVersion: string;
  replaceBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  outcome: string | null;
  cost: string;
}

/** `PATCH /api/tasks/{id}` body. */
export interface TaskPatch {
  status?: TaskStatus;
  outcome?: string | null;
  cost?: string;
}

/** `GET /api/contracts` items. */
export interface Contract {
  id: string;
  tenantId: string;
  name: string;
  currency: string;
  ratePerHour: string;
  slaTarget: string;
  tz: string;
  fleet: boolean;
  assetIds: string[];
  createdAt: string;
  status: 'ACTIVE' | 'TERMINATED';
  endsAt: string | null;
}

/** `GET /api/contracts/{id}/billing-records` items. */
export interface BillingRecord {
  contractId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  revision: number;
  availability: string;
  availabilityPct: string;
  noRequiredTime: boolean;
  operatingHours: string;
  billableHours: string;
  charges: string;
  credits: string;
  total: string;
  currency: string;
}

/** `GET /api/contracts/{id}/health`. */
export interface ContractHealth {
  contractId: string;
  status: 'ACTIVE' | 'TERMINATED';
  asOf: string;
  currency: string;
  current: {
    period: string;
    availabilityPct: string;
    targetPct: string;
    meetsTarget: boolean;
    runHours: string;
    creditSoFar: string;
  };
  atRisk: Array<{ assetId: string; probability: number; rul: number; creditIfFails: string }>;
  expectedCredit: string;
  margin: { revenue: string; taskCost: string; margin: string; marginPct: string | null };
}

/** `GET /api/models` items. */
export interface ModelListing {
  name: string;
  version: string;
  active: boolean;
  shadow: boolean;
  card: ModelCardSummary;
}

/** The parts of a model card the console shows (the card has more). */
export interface ModelCardSummary {
  name?: string;
  version?: string;
  createdAt?: string;
  summary?: string;
  horizon?: number;
  crossValidation?: { rmse?: number; scorePer100?: number; brier?: number; folds?: number };
  limitations?: string[];
}

/** `GET /api/models`. */
export interface ModelList {
  items: ModelListing[];
}

/** Every list route answers `{items}`. */
export interface ItemList<T> {
  items: T[];
}
