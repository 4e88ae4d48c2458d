import { monthPeriod, type BillingPeriod } from './billing-period';

/** What {@link sweepMonthPeriods} found: how many months it checked and what was wrong with which. */
export interface MonthSweepResult {
  months: number;
  problems: string[];
}

const DAY_US = 86_400e6;

const monthId = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const previousMonth = (year: number, month: number) =>
  month === 1 ? monthId(year - 1, 12) : monthId(year, month - 1);

/** The local calendar date of an instant, `yyyy-mm-dd`, read with Intl (not with the code under test). */
export function localDateReader(tz: string): (us: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (us) => f.format(Math.floor(us / 1000));
}

function problemsOf(
  date: (us: number) => string,
  year: number,
  month: number,
  p: BillingPeriod,
  next: BillingPeriod,
): string[] {
  const id = monthId(year, month);
  const problems: string[] = [];
  if (date(p.startUs) !== `${id}-01`) problems.push(`starts on ${date(p.startUs)}`);
  // The millisecond before the start belongs to the previous month: the start is the first instant of the 1st.
  if (!date(p.startUs - 1000).startsWith(previousMonth(year, month)))
    problems.push(`1 ms before the start is ${date(p.startUs - 1000)}`);
  if (p.endUs !== next.startUs) problems.push('is not contiguous with the next period');
  if (!date(p.endUs - 1000).startsWith(id)) problems.push(`ends on ${date(p.endUs - 1000)}`);
  const days = (p.endUs - p.startUs) / DAY_US;
  if (days < 28 - 1 || days > 31 + 1) problems.push(`lasts ${days} days`);
  return problems.map((problem) => `${p.tz} ${id} ${problem}`);
}

/**
 * Checks `monthPeriod` for every month of `firstYear`..`lastYear` in each zone against Intl's local
 * calendar: the period starts on the 1st at its first instant (the instant before is in the previous
 * month), ends where the next one starts, and spans the month's local days (between 27 and 32 days
 * of elapsed time: a few zones skipped a day when they moved across the date line).
 */
export function sweepMonthPeriods(
  zones: readonly string[],
  firstYear: number,
  lastYear: number,
): MonthSweepResult {
  const problems: string[] = [];
  let months = 0;
  for (const tz of zones) {
    const date = localDateReader(tz);
    let period = monthPeriod(tz, monthId(firstYear, 1));
    for (let year = firstYear; year <= lastYear; year++) {
      for (let month = 1; month <= 12; month++) {
        const next = monthPeriod(
          tz,
          month === 12 ? monthId(year + 1, 1) : monthId(year, month + 1),
        );
        problems.push(...problemsOf(date, year, month, period, next));
        period = next;
        months++;
      }
    }
  }
  return { months, problems };
}
