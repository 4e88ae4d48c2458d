import { STATE_CODE } from './billing-categories';
import type { Micros } from './billing-period';
import { KIND_METER, NO_STATE, type CarryIn, type EventColumns } from './event-columns';

const UNKNOWN = STATE_CODE.UNKNOWN;

/** Base-state segments of one asset: parallel arrays, contiguous, covering the period exactly. */
export interface BaseSegments {
  length: number;
  startUs: number[];
  endUs: number[];
  state: number[];
  /** Seconds of RUN credited by an hour meter inside an UNKNOWN segment (spec §3.5), else 0. */
  meterCreditUs: number[];
}

/** An hour-meter reading that could not be used, and why (spec §3.5). */
export interface MeterAnomaly {
  atUs: Micros;
  reason: 'meter_reset' | 'meter_jump';
  deltaHours: number;
  gapSeconds: number;
}

function push(seg: BaseSegments, start: number, end: number, state: number): void {
  if (end <= start) return;
  const n = seg.length;
  if (n > 0 && seg.state[n - 1] === state && seg.endUs[n - 1] === start && seg.meterCreditUs[n - 1] === 0) {
    seg.endUs[n - 1] = end;
    return;
  }
  seg.startUs.push(start);
  seg.endUs.push(end);
  seg.state.push(state);
  seg.meterCreditUs.push(0);
  seg.length++;
}

/**
 * The base state at every instant of `[periodStart, periodEnd)` (spec §2): a state holds until the
 * next state event, but never longer than `timeoutUs` after the last message of any kind; after
 * that the asset is UNKNOWN. A heartbeat that carries a state also sets it.
 */
export function baseTimeline(
  cols: EventColumns,
  carry: CarryIn,
  periodStartUs: Micros,
  periodEndUs: Micros,
  timeoutUs: number,
): BaseSegments {
  const seg: BaseSegments = { length: 0, startUs: [], endUs: [], state: [], meterCreditUs: [] };
  let state = STATE_CODE[carry.state];
  let lastMsg = carry.lastMessageUs ?? Number.NEGATIVE_INFINITY;
  let cursor = periodStartUs;
  const emitUntil = (end: number) => {
    const known = lastMsg + timeoutUs;
    if (known >= end) push(seg, cursor, end, state);
    else if (known <= cursor) push(seg, cursor, end, UNKNOWN);
    else {
      push(seg, cursor, known, state);
      push(seg, known, end, UNKNOWN);
    }
    cursor = end;
  };
  const { atUs, state: states } = cols;
  for (let i = 0; i < cols.length; i++) {
    const at = atUs[i];
    if (at >= periodEndUs) break;
    const next = states[i];
    // Most messages confirm the state within the timeout: the open segment just goes on.
    if (at > cursor && (at > lastMsg + timeoutUs || (next !== NO_STATE && next !== state))) emitUntil(at);
    lastMsg = at;
    if (next !== NO_STATE) state = next;
  }
  if (cursor < periodEndUs) emitUntil(periodEndUs);
  return seg;
}

/**
 * Credits RUN seconds inside UNKNOWN gaps from hour-meter readings that span them (spec §3.5):
 * `clamp(delta, 0, gap)` between the last reading at or before the gap and the first at or after
 * it. A negative delta (meter reset) or one longer than the gap plus 60 s credits nothing and is
 * reported. Mutates `seg.meterCreditUs`.
 */
export function creditMeterGaps(seg: BaseSegments, cols: EventColumns, carry: CarryIn): MeterAnomaly[] {
  const anomalies: MeterAnomaly[] = [];
  let hasMeter = carry.meter !== null;
  for (let i = 0; !hasMeter && i < cols.length; i++) hasMeter = cols.kind[i] === KIND_METER;
  if (!hasMeter) return anomalies;
  const readings: Array<{ atUs: number; hours: number }> = carry.meter ? [carry.meter] : [];
  for (let i = 0; i < cols.length; i++) {
    if (cols.kind[i] === KIND_METER && !Number.isNaN(cols.meter[i])) readings.push({ atUs: cols.atUs[i], hours: cols.meter[i] });
  }
  let r = 0;
  for (let s = 0; s < seg.length; s++) {
    if (seg.state[s] !== UNKNOWN) continue;
    const gapStart = seg.startUs[s];
    const gapEnd = seg.endUs[s];
    while (r + 1 < readings.length && readings[r + 1].atUs <= gapStart) r++;
    const before = readings[r];
    if (!before || before.atUs > gapStart) continue;
    const after = readings.find((x) => x.atUs >= gapEnd);
    if (!after) continue;
    const deltaUs = Math.round((after.hours - before.hours) * 3_600_000_000);
    const gapUs = gapEnd - gapStart;
    if (deltaUs < 0 || deltaUs > gapUs + 60_000_000) {
      anomalies.push({ atUs: after.atUs, reason: deltaUs < 0 ? 'meter_reset' : 'meter_jump', deltaHours: after.hours - before.hours, gapSeconds: gapUs / 1e6 });
      continue;
    }
    seg.meterCreditUs[s] = Math.min(deltaUs, gapUs);
  }
  return anomalies;
}

/** Hours an asset's meter advanced between its first and last reading (METER basis, spec §4). */
export interface MeterSpan {
  hours: number;
  fromUs: Micros;
  toUs: Micros;
}

/**
 * Operating hours from the meter: the sum of non-negative deltas between consecutive readings in
 * the period, starting from the carry-in reading. Resets are skipped. Null without two readings.
 */
export function meterHours(cols: EventColumns, carry: CarryIn): MeterSpan | null {
  let prev = carry.meter?.hours ?? Number.NaN;
  let fromUs = carry.meter?.atUs ?? Number.NaN;
  let toUs = fromUs;
  let total = 0;
  for (let i = 0; i < cols.length; i++) {
    if (cols.kind[i] !== KIND_METER || Number.isNaN(cols.meter[i])) continue;
    const h = cols.meter[i];
    if (!Number.isNaN(prev) && h >= prev) total += h - prev;
    if (Number.isNaN(fromUs)) fromUs = cols.atUs[i];
    toUs = cols.atUs[i];
    prev = h;
  }
  return Number.isNaN(fromUs) || toUs === fromUs ? null : { hours: total, fromUs, toUs };
}
