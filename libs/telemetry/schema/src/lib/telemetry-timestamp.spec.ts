import fc from 'fast-check';
import { MAX_STORABLE_TS_MS, parseRfc3339 } from './telemetry-timestamp';

describe(parseRfc3339.name, () => {
  it.each([
    ['the epoch', '1970-01-01T00:00:00Z', 0],
    ['a leap day', '2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['a 400-year leap day', '2000-02-29T23:59:59.999Z', Date.UTC(2000, 1, 29, 23, 59, 59, 999)],
    ['one fraction digit', '2025-01-15T12:00:00.5Z', Date.UTC(2025, 0, 15, 12, 0, 0, 500)],
    [
      'nine fraction digits',
      '2025-01-15T12:00:00.123456789Z',
      Date.UTC(2025, 0, 15, 12, 0, 0, 123),
    ],
    ['an offset crossing midnight', '2025-01-01T00:30:00+01:00', Date.UTC(2024, 11, 31, 23, 30)],
    ['year 0001', '0001-01-01T00:00:00Z', new Date('0001-01-01T00:00:00Z').getTime()],
    [
      'year 0099 (Date.UTC would say 1999)',
      '0099-06-01T00:00:00Z',
      new Date('0099-06-01T00:00:00Z').getTime(),
    ],
    ['the last storable instant', '2262-04-11T23:47:16.854Z', MAX_STORABLE_TS_MS],
  ])('reads %s', (_case, text, expected) => {
    expect(parseRfc3339(text)).toBe(expected);
  });

  it.each([
    ['a date only', '2025-01-15'],
    ['no seconds', '2025-01-15T12:00Z'],
    ['no offset', '2025-01-15T12:00:00'],
    ['a space separator', '2025-01-15 12:00:00Z'],
    ['an empty fraction', '2025-01-15T12:00:00.Z'],
    ['a compact offset', '2025-01-15T12:00:00+0100'],
    ['the basic format', '20250115T120000Z'],
    ['a five-digit year', '+02025-01-15T12:00:00Z'],
    ['month 00', '2025-00-15T12:00:00Z'],
    ['month 13', '2025-13-15T12:00:00Z'],
    ['day 00', '2025-01-00T12:00:00Z'],
    ['29 February of a common year', '2025-02-29T12:00:00Z'],
    ['29 February 1900 (not a leap year)', '1900-02-29T12:00:00Z'],
    ['31 April', '2025-04-31T12:00:00Z'],
    ['hour 24', '2025-01-15T24:00:00Z'],
    ['minute 60', '2025-01-15T12:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['offset minutes 60', '2025-01-15T12:00:00+01:60'],
    ['surrounding space', ' 2025-01-15T12:00:00Z'],
    ['a trailing newline', '2025-01-15T12:00:00Z\n'],
    ['non-ASCII digits', '２０２５-01-15T12:00:00Z'],
  ])('rejects %s', (_case, text) => {
    expect(parseRfc3339(text)).toBeNaN();
  });

  it('agrees with Date for every instant of years 0000-9999', () => {
    const min = new Date('0000-01-01T00:00:00.000Z');
    const max = new Date('9999-12-31T23:59:59.999Z');
    fc.assert(
      fc.property(fc.date({ min, max, noInvalidDate: true }), (date) => {
        expect(parseRfc3339(date.toISOString())).toBe(date.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('applies any offset the way Date does', () => {
    const offsetMinutes = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    const ts = fc.integer({ min: 0, max: MAX_STORABLE_TS_MS });
    fc.assert(
      fc.property(ts, offsetMinutes, (utc, offset) => {
        const local = new Date(utc + offset * 60_000).toISOString().slice(0, -1);
        const sign = offset < 0 ? '-' : '+';
        const hh = String(Math.trunc(Math.abs(offset) / 60)).padStart(2, '0');
        const mm = String(Math.abs(offset) % 60).padStart(2, '0');
        expect(parseRfc3339(`${local}${sign}${hh}:${mm}`)).toBe(utc);
      }),
    );
  });
});
