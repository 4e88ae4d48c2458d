/** Base states from telemetry (spec §2), plus UNKNOWN when the device went quiet. */
export type BaseState = 'RUN' | 'STANDBY' | 'FAULT' | 'CUSTOMER_STOP' | 'UNKNOWN';

/** A state event: a state change or a heartbeat confirming the current state. */
export interface StateEvent {
  /** Epoch milliseconds. */
  at: number;
  state: string;
}

export type StateSeconds = Record<BaseState, number>;

const KNOWN = new Set(['RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP']);

/**
 * Seconds spent in each base state within `[from, to)`. A state holds until the next event but
 * never longer than `heartbeatTimeoutMs` after the last event; after that the asset is UNKNOWN
 * (an offline device is unknown, not down). `events` may include one event before `from`
 * (the carry-in); the result always adds up to the period length.
 */
export function stateSeconds(events: readonly StateEvent[], from: number, to: number, heartbeatTimeoutMs: number): StateSeconds {
  const out: StateSeconds = { RUN: 0, STANDBY: 0, FAULT: 0, CUSTOMER_STOP: 0, UNKNOWN: 0 };
  const sorted = [...events].sort((a, b) => a.at - b.at);
  let cursor = from;
  const add = (state: BaseState, untilMs: number) => {
    const end = Math.min(untilMs, to);
    if (end > cursor) {
      out[state] += (end - cursor) / 1000;
      cursor = end;
    }
  };
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (e.at >= to) break;
    const next = i + 1 < sorted.length ? Math.min(sorted[i + 1].at, to) : to;
    if (next <= from) continue;
    add('UNKNOWN', e.at);
    const state: BaseState = KNOWN.has(e.state) ? (e.state as BaseState) : 'UNKNOWN';
    add(state, Math.min(next, e.at + heartbeatTimeoutMs));
    add('UNKNOWN', next);
  }
  add('UNKNOWN', to);
  return out;
}
