import { splitUnitLives, varyingMetrics } from './fleet-lives';
import { TelemetryRecord } from './fleet-records';

const DAY = 24 * 3600 * 1000;

function rows(asset: string, fromDay: number, count: number): TelemetryRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    asset,
    ts: (fromDay + i) * DAY,
    metrics: { t: fromDay + i, k: 1 },
  }));
}

describe('splitUnitLives', () => {
  const records = [...rows('b', 0, 10), ...rows('a', 0, 30).reverse()];
  const sut = splitUnitLives(records, [
    { asset: 'a', ts: 9 * DAY, kind: 'failure' },
    { asset: 'a', ts: 19.5 * DAY, kind: 'replacement', confirmedDefect: true },
    { asset: 'a', ts: 24 * DAY, kind: 'replacement' },
    { asset: 'b', ts: 50 * DAY, kind: 'replacement', confirmedDefect: false },
  ]);

  it('cuts each asset history at its labels, oldest row first, ages from 1', () => {
    expect(sut.map((l) => [l.id, l.rows.length, l.end])).toEqual([
      ['a#1', 10, 'failure'],
      ['a#2', 10, 'failure'],
      ['a#3', 5, 'censored'],
      ['a#4', 5, 'censored'],
      ['b#1', 10, 'censored'],
    ]);
    expect(sut[1].rows.map((r) => r.cycle)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sut[1].rows[0].metrics['t']).toBe(10);
    expect(sut[0].years).toBeCloseTo((9 * DAY) / (365.25 * DAY), 12);
  });

  it('lists the metrics that vary', () => {
    expect(varyingMetrics(sut)).toEqual(['t']);
  });
});
