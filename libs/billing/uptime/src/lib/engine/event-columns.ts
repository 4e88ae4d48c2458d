import { BASE_STATES, STATE_CODE, baseStateOf, type BaseStateCode } from './billing-categories';
import type { Micros } from './billing-period';
import type { BillingEvent } from './billing-inputs';

export const KIND_STATE = 0;
export const KIND_HEARTBEAT = 1;
export const KIND_METER = 2;
/** State column value of an event that carries no state. */
export const NO_STATE = 255;

/**
 * One asset's events inside a period, ordered by (observedAt, seq, event id) and de-duplicated:
 * columns rather than objects, so a month of one-minute data for a large fleet rates without
 * allocating an object per event. The repository reads them in this order from SQL.
 */
export interface EventColumns {
  length: number;
  atUs: Float64Array;
  kind: Uint8Array;
  /** STATE_CODE of the state carried, or NO_STATE. */
  state: Uint8Array;
  /** Hour-meter reading in hours, NaN when none. */
  meter: Float64Array;
}

/** What held at the start of the period: the last state and message before it. */
export interface CarryIn {
  state: BaseStateCode;
  /** Last message of any kind before the period start (for the heartbeat timeout); null if none. */
  lastMessageUs: Micros | null;
  /** Last hour-meter reading before the period start. */
  meter: { atUs: Micros; hours: number } | null;
}

export const NO_CARRY_IN: CarryIn = { state: 'UNKNOWN', lastMessageUs: null, meter: null };

export function emptyColumns(capacity: number): EventColumns {
  return {
    length: 0,
    atUs: new Float64Array(capacity),
    kind: new Uint8Array(capacity),
    state: new Uint8Array(capacity),
    meter: new Float64Array(capacity),
  };
}

export function stateName(code: number): BaseStateCode {
  return code === NO_STATE ? 'UNKNOWN' : BASE_STATES[code];
}

/** Appends one normalized event (kind CORRECTION must already be resolved). */
export function pushEvent(
  cols: EventColumns,
  e: Pick<BillingEvent, 'observedAtUs' | 'kind' | 'state' | 'meterHours'>,
): void {
  const i = cols.length++;
  cols.atUs[i] = e.observedAtUs;
  cols.kind[i] =
    e.kind === 'HOUR_METER' ? KIND_METER : e.kind === 'HEARTBEAT' ? KIND_HEARTBEAT : KIND_STATE;
  cols.state[i] =
    e.state === undefined || e.state === null ? NO_STATE : STATE_CODE[baseStateOf(e.state)];
  cols.meter[i] =
    e.meterHours === undefined || e.meterHours === null ? Number.NaN : Number(e.meterHours);
}
