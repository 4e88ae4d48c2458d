/** A state of billing's interval table (billing-uptime's base timeline). */
export type KpiState = 'RUN' | 'STANDBY' | 'FAULT' | 'UNKNOWN';

/** One state interval of one asset, epoch milliseconds, half-open `[start, end)`. */
export interface StateSpan {
  assetId: string;
  state: KpiState;
  start: number;
  end: number;
}

/** One status change of a work order (from `task_history`), epoch milliseconds. */
export interface OrderTransition {
  to: string;
  at: number;
}

/** The fields of a work order the KPIs read. Times are epoch milliseconds. */
export interface KpiOrder {
  id: string;
  assetId: string;
  assetType: string;
  component: string;
  source: 'MODEL' | 'RULE' | 'PLAN';
  status: string;
  createdAt: number;
  completedAt: number | null;
  /** The due date of a plan's order (`replace_by`); null for the other sources. */
  dueBy: number | null;
  /** The interval of the order's plan in days (hours-only plans: hours / 24); null when unknown. */
  planIntervalDays: number | null;
  failureOutcome: 'DEFECT_CONFIRMED_REPLACED' | 'NO_FAULT_FOUND' | 'OTHER' | null;
  /** Sum of quantity x unit cost of the parts used (0 without prices). */
  partsCost: number;
  /** The order's cost (`tasks.cost`: priced parts and labour, or the cost set by hand). */
  cost: number;
  /** Status history in time order; MTTR sums the IN_PROGRESS spells of DONE orders. */
  transitions: readonly OrderTransition[];
}

/** The period a KPI report covers, epoch milliseconds, half-open. */
export interface KpiPeriod {
  from: number;
  to: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
