import { Temporal } from 'temporal-polyfill';

const DAY_MS = 86_400_000;

/** The local calendar date (`yyyy-mm-dd`) of instant `ms` in `timeZone`. */
export function localDate(timeZone: string, ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/** `date` moved by `days` calendar days (negative: earlier). */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/**
 * The first instant of local day `date` in `timeZone` (ms): local midnight, or the first wall-clock
 * time of the day where a DST change skips midnight. A day is 23 or 25 hours across DST changes,
 * so instants are never reached by adding multiples of 24 hours.
 */
export function startOfLocalDay(timeZone: string, date: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime(timeZone).epochMilliseconds;
}

/** Whole or fractional days as milliseconds of elapsed time (for usage projections, not calendars). */
export const daysToMs = (days: number) => days * DAY_MS;

/** The earlier of two ISO dates, either possibly null. */
export function earlierDate(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/** True when `timeZone` is an IANA zone the runtime knows (offset strings are refused). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (/^[+-]/.test(timeZone)) return false;
  try {
    Temporal.Now.zonedDateTimeISO(timeZone);
    return true;
  } catch {
    return false;
  }
}
