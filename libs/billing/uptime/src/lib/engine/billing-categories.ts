/** Base states from telemetry (uptime-billing spec §2). */
export const BASE_STATES = ['RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP', 'UNKNOWN'] as const;
export type BaseStateCode = (typeof BASE_STATES)[number];

/** Final categories, one per instant (spec §2). */
export const CATEGORIES = [
  'NOT_IN_SERVICE',
  'RUN',
  'FORCE_MAJEURE',
  'PLANNED_MAINT',
  'CUSTOMER_STOP',
  'FORCED_OUTAGE',
  'STANDBY',
  'UNKNOWN',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The default priority: first match wins (spec §2; a contract may reorder it). */
export const DEFAULT_CATEGORY_ORDER: readonly Category[] = CATEGORIES;

/** Seconds per category. */
export type CategorySeconds = Record<Category, number>;

export function zeroSeconds(): CategorySeconds {
  return {
    NOT_IN_SERVICE: 0,
    RUN: 0,
    FORCE_MAJEURE: 0,
    PLANNED_MAINT: 0,
    CUSTOMER_STOP: 0,
    FORCED_OUTAGE: 0,
    STANDBY: 0,
    UNKNOWN: 0,
  };
}

/** Numeric codes of base states in event columns (index into BASE_STATES). */
export const STATE_CODE: Record<BaseStateCode, number> = {
  RUN: 0,
  STANDBY: 1,
  FAULT: 2,
  CUSTOMER_STOP: 3,
  UNKNOWN: 4,
};

/** Maps a telemetry state string to a base state; anything unrecognised is UNKNOWN. */
export function baseStateOf(state: string | null | undefined): BaseStateCode {
  switch (state) {
    case 'RUN':
    case 'STANDBY':
    case 'FAULT':
    case 'CUSTOMER_STOP':
      return state;
    default:
      return 'UNKNOWN';
  }
}
