import {
  KIND_HEARTBEAT,
  KIND_METER,
  KIND_STATE,
  NO_STATE,
  emptyColumns,
} from '@hourglass/billing-uptime';
import { DAY_US, decodeDayInto, encodeDay } from './state-event-day.codec';

const DAY = 20_605 * DAY_US; // 2026-06-01

/** A day of seeded events: ties on a microsecond, first and last microsecond of the day, meters. */
function dayOfEvents() {
  const cols = emptyColumns(2000);
  let t = DAY;
  let seed = 7;
  const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const push = (at: number, kind: number, state: number, meter: number) => {
    const i = cols.length++;
    cols.atUs[i] = at;
    cols.kind[i] = kind;
    cols.state[i] = state;
    cols.meter[i] = meter;
  };
  push(DAY, KIND_STATE, 0, Number.NaN);
  while (cols.length < 1_990) {
    t += Math.floor(next() * 90_000_000);
    const r = next();
    if (r < 0.1) push(t, KIND_METER, NO_STATE, 1000 + next() * 1e6);
    else if (r < 0.15) push(t, KIND_STATE, Math.floor(next() * 5), Number.NaN);
    else push(t, KIND_HEARTBEAT, Math.floor(next() * 5), Number.NaN);
    if (r > 0.97) push(t, KIND_METER, NO_STATE, -0); // same microsecond
  }
  push(DAY + DAY_US - 1, KIND_HEARTBEAT, 4, Number.NaN);
  return cols;
}

const slice = (c: ReturnType<typeof emptyColumns>, from: number, to: number) => ({
  atUs: [...c.atUs.subarray(from, to)],
  kind: [...c.kind.subarray(from, to)],
  state: [...c.state.subarray(from, to)],
  meter: [...new Uint8Array(c.meter.buffer, from * 8, (to - from) * 8)],
});

describe('state event day blocks', () => {
  it('decode the encoded columns bit for bit', () => {
    const cols = dayOfEvents();
    const payload = encodeDay(cols, 0, cols.length, DAY);
    const sut = emptyColumns(cols.length + 3);
    const end = decodeDayInto(payload, cols.length, DAY, sut, 3, DAY, DAY + DAY_US);
    expect(end).toBe(cols.length + 3);
    expect(slice(sut, 3, end)).toEqual(slice(cols, 0, cols.length));
    expect(payload.byteLength).toBeLessThan(cols.length * 8); // 18 bytes an event unpacked
  });

  it('keep only the events observed in the range asked', () => {
    const cols = dayOfEvents();
    const payload = encodeDay(cols, 0, cols.length, DAY);
    const from = cols.atUs[100];
    const to = cols.atUs[1500];
    const sut = emptyColumns(cols.length);
    const end = decodeDayInto(payload, cols.length, DAY, sut, 0, from, to);
    const first = cols.atUs.indexOf(from);
    const last = cols.atUs.indexOf(to);
    expect(slice(sut, 0, end)).toEqual(slice(cols, first, last));
  });

  it('refuse events out of order or before the day', () => {
    const cols = dayOfEvents();
    expect(() => encodeDay(cols, 0, 10, DAY + 1)).toThrow(RangeError);
    cols.atUs[5] = cols.atUs[4] - 1;
    expect(() => encodeDay(cols, 0, 10, DAY)).toThrow(RangeError);
  });
});
