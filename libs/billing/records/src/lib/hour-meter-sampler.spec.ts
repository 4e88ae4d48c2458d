import { HourMeterSampler, type MeterReading } from './hour-meter-sampler';

const MIN = 60_000;
const r = (ts: number, hours: number): MeterReading => ({ ts, hours, seq: null });

/** Offers each reading in turn; returns the ones to store. */
function feed(sut: HourMeterSampler, device: string, readings: MeterReading[]): MeterReading[] {
  return readings.flatMap((x) => sut.offer(device, x));
}

describe(HourMeterSampler.name, () => {
  it('stores the first reading, then one every everyMs while the meter moves', () => {
    const sut = new HourMeterSampler({ everyMs: 5 * MIN });
    // One sample a second for 12 minutes, running: the meter advances 1/3600 h per second.
    const readings = Array.from({ length: 12 * 60 }, (_, i) => r(i * 1000, 100 + i / 3600));
    expect(feed(sut, 'd1', readings).map((x) => x.ts)).toEqual([0, 5 * MIN, 10 * MIN]);
  });

  it('stores nothing more while the meter stands still', () => {
    const sut = new HourMeterSampler({ everyMs: 5 * MIN });
    const readings = Array.from({ length: 60 }, (_, i) => r(i * 10_000, 42));
    expect(feed(sut, 'd1', readings)).toEqual([r(0, 42)]);
  });

  it('stores both sides of a reset, so the sum of non-negative deltas misses nothing', () => {
    const sut = new HourMeterSampler({ everyMs: 5 * MIN });
    const stored = feed(sut, 'd1', [
      r(0, 500),
      r(MIN / 2, 500.01),
      r(MIN, 500.02),
      r(MIN + 30_000, 0.003),
      r(2 * MIN, 0.01),
    ]);
    expect(stored).toEqual([r(0, 500), r(MIN, 500.02), r(MIN + 30_000, 0.003)]);
    const sum = stored.reduce(
      (acc, x, i) =>
        acc + (i > 0 && x.hours >= stored[i - 1].hours ? x.hours - stored[i - 1].hours : 0),
      0,
    );
    expect(sum).toBeCloseTo(0.02, 9);
  });

  it('stores the last reading before a silence and the first after it, bracketing the gap', () => {
    const sut = new HourMeterSampler({ everyMs: 5 * MIN, silenceMs: MIN });
    const before = feed(sut, 'd1', [r(0, 10), r(20_000, 10.005), r(40_000, 10.01)]);
    expect(before).toEqual([r(0, 10)]);
    expect(sut.offer('d1', r(3 * 3_600_000, 11.5))).toEqual([
      r(40_000, 10.01),
      r(3 * 3_600_000, 11.5),
    ]);
    // Right after the gap the last stored reading is the one after it: no duplicate.
    expect(sut.offer('d1', r(3 * 3_600_000 + 2 * MIN, 11.6))).toEqual([
      r(3 * 3_600_000 + 2 * MIN, 11.6),
    ]);
  });

  it('ignores late, repeated, negative and non-finite readings, and keeps devices apart', () => {
    const sut = new HourMeterSampler();
    expect(sut.offer('d1', r(10 * MIN, 5))).toEqual([r(10 * MIN, 5)]);
    expect(sut.offer('d1', r(9 * MIN, 4))).toEqual([]);
    expect(sut.offer('d1', r(10 * MIN, 5))).toEqual([]);
    expect(sut.offer('d1', r(11 * MIN, -1))).toEqual([]);
    expect(sut.offer('d1', r(11 * MIN, Number.NaN))).toEqual([]);
    expect(sut.offer('d2', r(9 * MIN, 1))).toEqual([r(9 * MIN, 1)]);
  });
});
