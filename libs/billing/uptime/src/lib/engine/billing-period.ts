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

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // Throws RangeError for an unknown zone: callers validate `tz` with isValidTimeZone first.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at the instant `ms`, in ms (local = UTC + offset). */
function offsetMs(tz: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
  return local - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a local wall-clock time in `tz`. Midnight on the first of a month exists in
 * every zone in use (DST changes happen at night but not at 00:00 on the 1st, except in zones that
 * skip midnight; there the first instant after the gap is taken).
 */
export function zonedToUtcMs(tz: string, year: number, month: number, day = 1): number {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetMs(tz, wall);
  // Two refinements settle the offset on either side of a transition.
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(tz, guess);
  return guess;
}

/** The calendar month `yyyy-mm` in `tz` as a period (743 or 745 hours across DST changes). */
export function monthPeriod(tz: string, id: string): BillingPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(id);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`period ${JSON.stringify(id)} is not yyyy-mm`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const start = zonedToUtcMs(tz, year, month);
  const end = month === 12 ? zonedToUtcMs(tz, year + 1, 1) : zonedToUtcMs(tz, year, month + 1);
  return { id, tz, startUs: start * 1000, endUs: end * 1000 };
}

/** The month period of `tz` that contains the instant `ms`. */
export function periodContaining(tz: string, ms: number): BillingPeriod {
  const local = new Date(ms + offsetMs(tz, ms));
  const id = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
  return monthPeriod(tz, id);
}

/** The period after `period`. */
export function nextPeriod(period: BillingPeriod): BillingPeriod {
  return periodContaining(period.tz, period.endUs / 1000);
}
