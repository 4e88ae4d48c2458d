import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isValidTimeZone, monthPeriod, nextPeriod, periodContaining } from './billing-period';
import type { MonthSweepResult } from './billing-period.sweep';

const HOUR_US = 3_600e6;
const FIRST_YEAR = 1990;
const LAST_YEAR = 2037;
const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * Runs the sweep in a worker thread: the time-zone library runs several times slower inside Jest's
 * module sandbox, and the 240,000 month starts would take far longer there than the few seconds they
 * take in plain Node.
 */
function sweepInWorker(zones: string[]): Promise<MonthSweepResult> {
  const register = resolve(__dirname, '../../../../../../tools/register.js');
  const sweep = resolve(__dirname, 'billing-period.sweep.ts');
  const source = `require(${JSON.stringify(register)});
    const { parentPort, workerData } = require('node:worker_threads');
    const { sweepMonthPeriods } = require(${JSON.stringify(sweep)});
    parentPort.postMessage(sweepMonthPeriods(workerData.zones, workerData.firstYear, workerData.lastYear));`;
  const worker = new Worker(source, {
    eval: true,
    workerData: { zones, firstYear: FIRST_YEAR, lastYear: LAST_YEAR },
  });
  return new Promise((done, fail) => {
    worker.once(
      'message',
      (result: MonthSweepResult) => void worker.terminate().then(() => done(result)),
    );
    worker.once('error', fail);
  });
}

describe('monthPeriod', () => {
  it(`starts every month ${FIRST_YEAR}-${LAST_YEAR} of every IANA zone at the first instant of the 1st, back to back`, async () => {
    const workers = Math.max(2, Math.min(4, availableParallelism()));
    const shares = Array.from({ length: workers }, (_, w) =>
      ZONES.filter((_, i) => i % workers === w),
    );
    const results = await Promise.all(shares.map(sweepInWorker));
    expect(results.reduce((n, r) => n + r.months, 0)).toBe(
      ZONES.length * 12 * (LAST_YEAR - FIRST_YEAR + 1),
    );
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  }, 120_000);

  it.each([
    // DST began at 00:00 on the 1st: the day starts at 01:00 (+03), not at 23:00 of the day before.
    ['Asia/Amman', '2016-04', '2016-03-31T22:00:00.000Z', '2016-04-30T21:00:00.000Z', 719],
    ['Africa/Cairo', '2014-08', '2014-07-31T22:00:00.000Z', '2014-08-31T21:00:00.000Z', 743],
    // The month before keeps its last hour: 31 whole days.
    ['Asia/Amman', '2016-03', '2016-02-29T22:00:00.000Z', '2016-03-31T22:00:00.000Z', 744],
    // Clocks went back from 01:00 to 00:00 on the 1st: midnight happened twice, the period starts at the first.
    ['Asia/Gaza', '2004-10', '2004-09-30T21:00:00.000Z', '2004-10-31T22:00:00.000Z', 745],
    ['Europe/Berlin', '2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', 743],
  ])('%s %s runs from %s to %s (%i h)', (tz, id, start, end, hours) => {
    const sut = monthPeriod(tz, id);
    expect(new Date(sut.startUs / 1000).toISOString()).toBe(start);
    expect(new Date(sut.endUs / 1000).toISOString()).toBe(end);
    expect((sut.endUs - sut.startUs) / HOUR_US).toBe(hours);
  });

  it('refuses an id that is not yyyy-mm', () => {
    expect(() => monthPeriod('UTC', '2026-13')).toThrow(RangeError);
    expect(() => monthPeriod('UTC', '2026-6')).toThrow(RangeError);
  });
});

describe('periodContaining', () => {
  it('puts the first instant of the 1st into its month and the instant before into the previous one', () => {
    const april = monthPeriod('Asia/Amman', '2016-04');
    expect(periodContaining('Asia/Amman', april.startUs / 1000)).toEqual(april);
    expect(periodContaining('Asia/Amman', april.startUs / 1000 - 1).id).toBe('2016-03');
    expect(nextPeriod(monthPeriod('Asia/Amman', '2016-03'))).toEqual(april);
  });
});

describe('isValidTimeZone', () => {
  it('takes IANA names and refuses offsets and unknown names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('+01:00')).toBe(false);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
