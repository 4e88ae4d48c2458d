import { Temporal } from 'temporal-polyfill';

/** Microseconds since the epoch (integers; exact in a double until the year 2255). */
export type Micros = number;

export const US_PER_SECOND = 1_000_000;

/** A billing period: half-open `[startUs, endUs)`, named by its month in the contract's zone. */
export interface BillingPeriod {
  /** `yyyy-mm` in the contract's time zone. */
  id: string;
  tz: string;
  startUs: Micros;
  endUs: Micros;
}

const knownZones = new Set<string>();

/**
 * True when `tz` is an IANA time zone this runtime knows. Offset strings such as `+01:00`, which
 * Temporal would take, are refused: a contract's month follows its place's clock changes.
 */
export function isValidTimeZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  // Offsets are not zones (no DST rules). Node 20's ICU refuses them; Node 22's accepts '+01:00'.
  if (!/^[A-Za-z]/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    Temporal.Now.zonedDateTimeISO(tz);
  } catch {
    return false;
  }
  knownZones.add(tz);
  return true;
}

/**
 * The first instant of the local calendar day `year-month-day` in `tz`, in ms since the epoch.
 * Usually local midnight; where the zone skips midnight (a DST gap at 00:00, e.g. Asia/Amman on
 * 2016-04-01) the first wall-clock time that exists that day (01:00), and where midnight occurs
 * twice, the earlier one. Throws RangeError for an unknown zone or date: validate with isValidTimeZone.
 */
export function zonedToUtcMs(tz: string, year: number, month: number, day = 1): number {
  // A PlainDate converted without a time of day is the start of that day (Temporal's startOfDay).
  return new Temporal.PlainDate(year, month, day).toZonedDateTime(tz).epochMilliseconds;
}

// Billing runs ask for the same few months again and again; bounded so a long-lived process cannot grow it.
const MONTH_STARTS_CACHED = 50_000;
const monthStarts = new Map<string, Micros>();

function monthStartUs(tz: string, year: number, month: number): Micros {
  const key = `${tz} ${year}-${month}`;
  let us = monthStarts.get(key);
  if (us === undefined) {
    us = zonedToUtcMs(tz, year, month) * 1000;
    if (monthStarts.size >= MONTH_STARTS_CACHED) monthStarts.clear();
    monthStarts.set(key, us);
  }
  return us;
}

/**
 * The calendar month `yyyy-mm` in `tz` as a period: from the first instant of the 1st in `tz` to
 * the first instant of the next month's 1st (743 or 745 hours across DST changes).
 */
export function monthPeriod(tz: string, id: string): BillingPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(id);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
    throw new RangeError(`period ${JSON.stringify(id)} is not yyyy-mm`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const endUs = month === 12 ? monthStartUs(tz, year + 1, 1) : monthStartUs(tz, year, month + 1);
  return { id, tz, startUs: monthStartUs(tz, year, month), endUs };
}

/** The month period of `tz` that contains the instant `ms`. */
export function periodContaining(tz: string, ms: number): BillingPeriod {
  const local = Temporal.Instant.fromEpochMilliseconds(Math.floor(ms)).toZonedDateTimeISO(tz);
  return monthPeriod(tz, `${local.year}-${String(local.month).padStart(2, '0')}`);
}

/** The period after `period`. */
export function nextPeriod(period: BillingPeriod): BillingPeriod {
  return periodContaining(period.tz, period.endUs / 1000);
}
