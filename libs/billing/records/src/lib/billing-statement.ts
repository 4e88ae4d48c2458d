import Decimal from 'decimal.js';
import { CATEGORIES, type ContractTerms } from '@hourglass/billing-uptime';
import type { BillingAdjustment, BillingRun, StoredInterval } from './billing-run';
import type { Contract } from './contract.repository';

/** Interval rows shown in a statement; the drill-down endpoint serves all of them. Default 500. */
export const STATEMENT_INTERVAL_ROWS = 500;

const csvCell = (v: string | null) =>
  v === null ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/** The charge lines of a run as CSV (RFC 4180, header row, CRLF), amounts as exact decimal strings. */
export function linesCsv(run: BillingRun): string {
  const rows = [
    [
      'period',
      'revision',
      'status',
      'kind',
      'description',
      'quantity',
      'unit_price',
      'amount',
      'currency',
    ],
  ];
  for (const l of run.lines)
    rows.push([
      run.period,
      String(run.revision),
      run.status,
      l.kind,
      l.description,
      l.quantity,
      l.unitPrice,
      l.amount,
      run.currency,
    ] as string[]);
  rows.push([
    run.period,
    String(run.revision),
    run.status,
    'TOTAL',
    'Total',
    null,
    null,
    run.total,
    run.currency,
  ] as string[]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const hours = (seconds: string) =>
  new Decimal(seconds).div(3600).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const md = (s: string) => s.replace(/([|\\*_`[\]<])/g, '\\$1');

/**
 * A customer-readable statement of one billing run in Markdown: availability against the target,
 * operating hours, charges and credits, how a revision settles, and the intervals behind them.
 */
export function statementMarkdown(
  contract: Contract,
  terms: ContractTerms | null,
  run: BillingRun,
  intervals: readonly StoredInterval[],
  totalIntervals: number,
): string {
  const f = run.figures;
  const target = terms ? new Decimal(terms.slaTarget).mul(100).toFixed() : null;
  const out: string[] = [
    `# Statement ${md(run.period)}: ${md(contract.name)}`,
    '',
    `Contract ${md(contract.id)}, period ${run.periodStart} to ${run.periodEnd} (${md(contract.tz)}), revision ${run.revision}, **${run.status}**${run.finalizedAt ? ` (issued ${run.finalizedAt})` : ' (draft)'}.`,
    ...(run.inputs?.ratedTo
      ? ['', `Rated to ${run.inputs.ratedTo}: the period is still open.`]
      : []),
    '',
    '## Availability',
    '',
    `| | |`,
    `|---|---|`,
    `| Availability | ${f.availabilityPct} %${f.noRequiredTime ? ' (no required time)' : ''} |`,
    ...(terms && target
      ? [
          `| Target | ${target} % (${f.noRequiredTime || new Decimal(f.availability).gte(terms.slaTarget) ? 'met' : 'missed'}) |`,
        ]
      : []),
    `| Data completeness | ${new Decimal(f.completeness).mul(100).toDecimalPlaces(2, Decimal.ROUND_FLOOR).toFixed(2)} % |`,
    `| Operating hours (measured) | ${new Decimal(f.runHours).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed()} h |`,
    `| Billable hours | ${run.billableHours} h |`,
    '',
    '| Category | Hours |',
    '|---|---:|',
    ...CATEGORIES.filter((c) => new Decimal(f.seconds[c]).gt(0)).map(
      (c) => `| ${c} | ${hours(f.seconds[c])} |`,
    ),
    '',
    '## Charges and credits',
    '',
    '| Line | Quantity | Unit price | Amount |',
    '|---|---:|---:|---:|',
    ...run.lines.map(
      (l) =>
        `| ${md(l.description)} | ${l.quantity ?? ''} | ${l.unitPrice ?? ''} | ${l.amount} ${run.currency} |`,
    ),
    `| **Total** | | | **${run.total} ${run.currency}** |`,
    '',
  ];
  if (run.adjustment)
    out.push(
      `Settlement against revision ${run.adjustment.againstRevision}: ${adjustmentText(run.adjustment, run.currency)}.`,
      '',
    );
  if (run.changes && run.revision > 1) out.push(`What changed: ${md(run.changes)}.`, '');
  for (const n of run.review.notes) out.push(`Note: ${md(n)}.`, '');
  if (run.review.reasons.length) {
    out.push(
      `Review${run.review.approvedBy ? ` (approved by ${md(run.review.approvedBy)})` : ' pending'}:`,
      '',
      ...run.review.reasons.map((r) => `- ${md(r)}`),
      '',
    );
  }
  out.push(
    '## Intervals',
    '',
    '| Asset | From | To | Hours | Category | Telemetry state | Why |',
    '|---|---|---|---:|---|---|---|',
  );
  for (const i of intervals)
    out.push(
      `| ${md(i.assetId)} | ${i.start} | ${i.end} | ${hours(i.seconds)} | ${i.category} | ${i.baseState} | ${md(i.cause ?? '')} |`,
    );
  if (totalIntervals > intervals.length)
    out.push(
      '',
      `${totalIntervals - intervals.length} more intervals: see the intervals endpoint of this period.`,
    );
  out.push('');
  return out.join('\n');
}

function adjustmentText(a: BillingAdjustment, currency: string): string {
  const amount = `${a.amount} ${currency}`;
  switch (a.kind) {
    case 'CREDIT_NOTE':
      return `credit note of ${amount}`;
    case 'PRIOR_PERIOD_ADJUSTMENT':
      return `${amount} charged as a prior-period adjustment on the ${a.targetPeriod} record`;
    case 'NOTE':
      return `difference of ${amount} below the materiality threshold: noted, not invoiced`;
    default:
      return `difference of ${amount} after the lookback: recorded without financial effect`;
  }
}
