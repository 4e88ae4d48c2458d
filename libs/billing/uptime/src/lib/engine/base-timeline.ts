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
  /** Raw meter delta between the readings around the gap. */
  deltaHours: number;
  /** UNKNOWN seconds between the two readings. */
  gapSeconds: number;
  /** RUN seconds already counted between the two readings outside the gap (state, earlier meter credits). */
  countedRunSeconds: number;
}

function push(seg: BaseSegments, start: number, end: number, state: number): void {
  if (end <= start) return;
  const n = seg.length;
  if (
    n > 0 &&
    seg.state[n - 1] === state &&
    seg.endUs[n - 1] === start &&
    seg.meterCreditUs[n - 1] === 0
  ) {
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
    if (at > cursor && (at > lastMsg + timeoutUs || (next !== NO_STATE && next !== state)))
      emitUntil(at);
    lastMsg = at;
    if (next !== NO_STATE) state = next;
  }
  if (cursor < periodEndUs) emitUntil(periodEndUs);
  return seg;
}

const HOUR_US = 3_600_000_000;
/** Slack on the meter beyond the gap before a reading counts as a jump (spec §3.5: "plus 60 s"). */
const METER_SLACK_US = 60_000_000;

interface MeterReading {
  atUs: number;
  hours: number;
}

function meterReadings(cols: EventColumns, carry: CarryIn): MeterReading[] {
  const readings: MeterReading[] = carry.meter ? [carry.meter] : [];
  for (let i = 0; i < cols.length; i++) {
    if (cols.kind[i] === KIND_METER && !Number.isNaN(cols.meter[i]))
      readings.push({ atUs: cols.atUs[i], hours: cols.meter[i] });
  }
  return readings;
}

/**
 * Credits RUN seconds inside UNKNOWN gaps from hour-meter readings that span them (spec §3.5),
 * between the last reading at or before a gap and the first at or after it. The meter also counted
 * while the state still held before the gap (up to one heartbeat timeout after the last message),
 * so only the delta minus the RUN already counted between the two readings is attributed to the
 * gap: `clamp(delta - countedRun, 0, gap)`. A negative delta (meter reset), or an attributable delta
 * longer than the gap plus 60 s, credits nothing and is reported. Gaps between the same pair of
 * readings share it, credited in time order. Mutates `seg.meterCreditUs`.
 */
export function creditMeterGaps(
  seg: BaseSegments,
  cols: EventColumns,
  carry: CarryIn,
): MeterAnomaly[] {
  const anomalies: MeterAnomaly[] = [];
  let hasMeter = carry.meter !== null;
  for (let i = 0; !hasMeter && i < cols.length; i++) hasMeter = cols.kind[i] === KIND_METER;
  if (!hasMeter) return anomalies;
  const readings = meterReadings(cols, carry);
  if (readings.length < 2) return anomalies;
  let b = 0; // last reading at or before the gap's start
  let a = 0; // first reading at or after the gap's end
  let gaps: number[] = [];
  const flush = () => {
    const anomaly = gaps.length > 0 ? creditGaps(seg, gaps, readings[b], readings[a]) : null;
    if (anomaly) anomalies.push(anomaly);
    gaps = [];
  };
  for (let s = 0; s < seg.length; s++) {
    if (seg.state[s] !== UNKNOWN) continue;
    let nb = b;
    while (nb + 1 < readings.length && readings[nb + 1].atUs <= seg.startUs[s]) nb++;
    if (readings[nb].atUs > seg.startUs[s]) continue;
    let na = a;
    while (na < readings.length && readings[na].atUs < seg.endUs[s]) na++;
    if (na === readings.length) break; // no reading after this gap, nor after any later one
    if (nb !== b || na !== a) flush();
    b = nb;
    a = na;
    gaps.push(s);
  }
  flush();
  return anomalies;
}

/** Credits the UNKNOWN segments `gaps`, all between the readings `before` and `after`; returns an anomaly or null. */
function creditGaps(
  seg: BaseSegments,
  gaps: readonly number[],
  before: MeterReading,
  after: MeterReading,
): MeterAnomaly | null {
  const deltaUs = Math.round((after.hours - before.hours) * HOUR_US);
  let gapUs = 0;
  for (const s of gaps) gapUs += seg.endUs[s] - seg.startUs[s];
  const countedUs = runCountedUs(seg, gaps[0], gaps[gaps.length - 1], before.atUs, after.atUs);
  const attributableUs = deltaUs - countedUs;
  if (deltaUs < 0 || attributableUs > gapUs + METER_SLACK_US) {
    const reason = deltaUs < 0 ? 'meter_reset' : 'meter_jump';
    return {
      atUs: after.atUs,
      reason,
      deltaHours: after.hours - before.hours,
      gapSeconds: gapUs / 1e6,
      countedRunSeconds: countedUs / 1e6,
    };
  }
  let creditUs = Math.min(Math.max(attributableUs, 0), gapUs);
  for (const s of gaps) {
    const c = Math.min(creditUs, seg.endUs[s] - seg.startUs[s]);
    seg.meterCreditUs[s] = c;
    creditUs -= c;
  }
  return null;
}

/**
 * RUN already counted in `[fromUs, toUs)`, outside the gaps being credited: base-state RUN plus any
 * meter credit given earlier (credits sit at the start of their segment). `first`..`last` are the
 * gaps; the walk reaches out from them as far as the segments overlap the span.
 */
function runCountedUs(
  seg: BaseSegments,
  first: number,
  last: number,
  fromUs: number,
  toUs: number,
): number {
  let lo = first;
  while (lo > 0 && seg.endUs[lo - 1] > fromUs) lo--;
  let hi = last;
  while (hi + 1 < seg.length && seg.startUs[hi + 1] < toUs) hi++;
  let us = 0;
  for (let s = lo; s <= hi; s++) {
    const end =
      seg.state[s] === STATE_CODE.RUN ? seg.endUs[s] : seg.startUs[s] + seg.meterCreditUs[s];
    us += Math.max(0, Math.min(end, toUs) - Math.max(seg.startUs[s], fromUs));
  }
  return us;
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
