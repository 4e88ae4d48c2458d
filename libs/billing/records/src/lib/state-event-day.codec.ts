import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EventColumns, Micros } from '@hourglass/billing-uptime';

/** A UTC day in microseconds. */
export const DAY_US = 86_400_000_000;

/** Set on an event's kind byte when it carries a meter reading (anything but NaN). */
const HAS_METER = 0x80;

/**
 * Encodes one UTC day of an asset's events (`cols[from, to)`, in the engine's order, observed in
 * `[dayUs, dayUs + DAY_US)`) as a block payload: column by column, the observed times as unsigned
 * varint deltas (the first from the day's start), then a kind byte per event (with
 * {@link HAS_METER}), a state byte per event, then the meter readings present as float64
 * (little-endian), the whole deflated. Decoding gives the same columns bit for bit.
 */
export function encodeDay(cols: EventColumns, from: number, to: number, dayUs: Micros): Uint8Array {
  const n = to - from;
  let meters = 0;
  for (let i = from; i < to; i++) if (cols.meter[i] === cols.meter[i]) meters++;
  const out = Buffer.allocUnsafe(n * 12 + meters * 8);
  let o = 0;
  let prev = dayUs;
  for (let i = from; i < to; i++) {
    let d = cols.atUs[i] - prev;
    if (!(d >= 0) || !Number.isSafeInteger(d))
      throw new RangeError(`day block: event ${i} at ${cols.atUs[i]} out of order or out of day`);
    prev = cols.atUs[i];
    while (d >= 0x80) {
      out[o++] = (d % 0x80) | 0x80;
      d = Math.floor(d / 0x80);
    }
    out[o++] = d;
  }
  for (let i = from; i < to; i++)
    out[o++] = cols.kind[i] | (cols.meter[i] === cols.meter[i] ? HAS_METER : 0);
  for (let i = from; i < to; i++) out[o++] = cols.state[i];
  for (let i = from; i < to; i++) {
    if (cols.meter[i] === cols.meter[i]) o = out.writeDoubleLE(cols.meter[i], o);
  }
  return deflateRawSync(out.subarray(0, o));
}

/**
 * Decodes a block of `n` events of the day starting at `dayUs` into `target` from index `at`,
 * keeping only the events observed in `[fromUs, toUs)`; returns the index after the last one
 * written. `target` must have room for `n` events from `at`.
 */
export function decodeDayInto(
  payload: Uint8Array,
  n: number,
  dayUs: Micros,
  target: EventColumns,
  at: number,
  fromUs: Micros,
  toUs: Micros,
): number {
  const raw = inflateRawSync(payload);
  // Most blocks lie wholly inside the period: decoded straight into the target.
  const whole = dayUs >= fromUs && dayUs + DAY_US <= toUs;
  const times = whole ? target.atUs.subarray(at, at + n) : new Float64Array(n);
  let o = 0;
  let t = dayUs;
  for (let i = 0; i < n; i++) {
    let b = raw[o++];
    if (b < 0x80) {
      t += b;
    } else {
      let d = b - 0x80;
      let scale = 0x80;
      b = raw[o++];
      while (b >= 0x80) {
        d += (b - 0x80) * scale;
        scale *= 0x80;
        b = raw[o++];
      }
      t += d + b * scale;
    }
    times[i] = t;
  }
  const kinds = o;
  const states = kinds + n;
  let m = states + n;
  if (m > raw.length) throw new RangeError(`day block: ${raw.length} bytes for ${n} events`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let w = at;
  for (let i = 0; i < n; i++) {
    const k = raw[kinds + i];
    let meter = Number.NaN;
    if (k & HAS_METER) {
      meter = view.getFloat64(m, true);
      m += 8;
    }
    if (!whole) {
      if (times[i] < fromUs || times[i] >= toUs) continue;
      target.atUs[w] = times[i];
    }
    target.kind[w] = k & ~HAS_METER;
    target.state[w] = raw[states + i];
    target.meter[w] = meter;
    w++;
  }
  if (m !== raw.length) throw new RangeError(`day block: ${raw.length} bytes, ${m} decoded`);
  return w;
}
