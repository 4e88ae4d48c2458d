/**
 * Latest instant InfluxDB can store: its timestamps are signed 64-bit nanoseconds, which end at
 * 2262-04-11T23:47:16.854775807Z. In whole milliseconds that is 9223372036854.
 */
export const MAX_STORABLE_TS_MS = 9_223_372_036_854;

/**
 * RFC 3339 `date-time` (section 5.6) and nothing looser: `T` separator (either case), seconds
 * required, optional fraction, and a mandatory offset (`Z` or `±hh:mm`). The space separator
 * allowed by the section's note, and ISO 8601 variants (no offset, basic format, week dates),
 * are rejected: an offset-less time is ambiguous on a device.
 */
const RFC3339_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds of a strict RFC 3339 date-time, or NaN when the text is not one or names an
 * impossible instant (month 13, 30 February, hour 24, offset 24:00). Fractions beyond the
 * millisecond are truncated. Leap seconds (`:60`) are rejected: they cannot be told apart from a
 * broken clock, and epoch time has no slot for them.
 */
export function parseRfc3339(text: string): number {
  const m = RFC3339_DATE_TIME.exec(text);
  if (m === null) return Number.NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  const offsetHours = m[8] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[10]);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return Number.NaN;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const offsetMs = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * MS_PER_MINUTE;
  const timeOfDayMs = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return daysFromCivil(year, month, day) * MS_PER_DAY + timeOfDayMs - offsetMs;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, exact for any year (Date.UTC maps years
 * 0-99 to 1900-1999). Counts in 400-year eras of 146097 days, with years starting on 1 March so
 * that the leap day falls at the end.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
