import type {
  AssetHealthReport,
  ReportCompletedOrder,
  ReportContractFigures,
  ReportOpenOrder,
  ReportPlanDue,
} from './asset-health-report.types';
import { metricTrendSvg } from './health-report-charts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

const e = escapeHtml;
const pct = (p: number) => `${(Math.round(p * 1000) / 10).toFixed(1)} %`;

// Printable and self-contained: no fonts, scripts or images fetched from anywhere.
const STYLE = `
  @page { size: A4; margin: 14mm; }
  body { font-family: sans-serif; color: #1d232a; font-size: 11pt; margin: 0 auto; max-width: 720px; }
  h1 { font-size: 18pt; margin: 0 0 2mm; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #ccd3da; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid #e4e8ec; }
  .figures td:first-child { width: 40%; color: #4a5560; }
  .chart { break-inside: avoid; page-break-inside: avoid; margin: 2mm 0; }
  .muted { color: #4a5560; }
`;

const row = (label: string, value: string) => `<tr><td>${e(label)}</td><td>${value}</td></tr>`;

function riskSection(report: AssetHealthReport): string {
  const r = report.risk;
  if (!r) return '<h2>Risk</h2><p class="muted">No risk score yet.</p>';
  return `<h2>Risk</h2><table class="figures">${[
    row(`Probability of failure within ${r.horizon} cycles`, e(pct(r.probability))),
    row('Remaining useful life', `${e(String(Math.round(r.rul)))} cycles`),
    row('Scored', `${e(r.scoredAt)} (model ${e(r.modelVersion)})`),
  ].join('')}</table>`;
}

function trendSection(report: AssetHealthReport): string {
  const charts = report.metrics.filter((m) => m.points.length > 0);
  if (charts.length === 0)
    return '<h2>Trend of the key metrics</h2><p class="muted">No telemetry in the period.</p>';
  const svgs = charts.map(
    (m) => `<figure class="chart" data-metric="${e(m.name)}">${metricTrendSvg(m)}</figure>`,
  );
  return `<h2>Trend of the key metrics</h2>${svgs.join('')}`;
}

function orderSection(order: ReportCompletedOrder | null): string {
  if (!order) return '<h2>Last service</h2><p class="muted">No completed order yet.</p>';
  const withCost = order.parts.some((p) => p.unitCost !== undefined);
  const parts = order.parts.length
    ? `<table><tr><th>Part</th><th>Quantity</th>${withCost ? '<th>Unit cost</th>' : ''}</tr>${order.parts
        .map(
          (p) =>
            `<tr><td>${e(p.partNumber)}</td><td>${p.quantity}</td>${
              withCost ? `<td>${e(p.unitCost ?? '')}</td>` : ''
            }</tr>`,
        )
        .join('')}</table>`
    : '<p class="muted">No parts used.</p>';
  return `<h2>Last service</h2><table class="figures">${[
    row('Order', e(order.id)),
    row('Component', e(order.component)),
    row('Completed', e(order.completedAt ?? '')),
    row('Outcome', e(order.outcome)),
    row('Failure code', e(order.failureCode)),
    row('Labour', `${order.labourHours} h`),
    ...(order.cost !== undefined ? [row('Cost', e(order.cost))] : []),
  ].join('')}</table>${parts}`;
}

function dueSection(open: readonly ReportOpenOrder[], plan: ReportPlanDue | null): string {
  const orders = open.length
    ? `<table><tr><th>Order</th><th>Component</th><th>Status</th><th>Priority</th><th>Replace by</th><th>Planned for</th></tr>${open
        .map(
          (o) =>
            `<tr><td>${e(o.id)}</td><td>${e(o.component)}</td><td>${e(o.status)}</td><td>${e(
              o.priority,
            )}</td><td>${e(o.replaceBy)}</td><td>${e(o.plannedFor ?? '')}</td></tr>`,
        )
        .join('')}</table>`
    : '<p class="muted">No open orders.</p>';
  const due = plan
    ? `<p>Next planned maintenance: <strong>${e(plan.dueDate)}</strong> (${e(plan.plan)}, ${e(
        plan.component,
      )}${plan.basis ? `, by ${plan.basis === 'HOURS' ? 'operating hours' : 'calendar days'}` : ''}).</p>`
    : '<p class="muted">No maintenance plan due date.</p>';
  return `<h2>What is due next</h2>${orders}${due}`;
}

function contractSection(c: ReportContractFigures | null): string {
  if (!c) return '<h2>Availability</h2><p class="muted">No uptime contract covers this asset.</p>';
  return `<h2>Availability</h2><table class="figures">${[
    row('Contract', e(c.contract)),
    row('Period', e(c.period)),
    row('Availability', `${e(c.availabilityPct)} % (target ${e(c.targetPct)} %)`),
    row('Meets target', c.meetsTarget ? 'yes' : 'no'),
    row('Operating hours', e(c.runHours)),
  ].join('')}</table>`;
}

/**
 * The asset health report as one self-contained, printable HTML page: figures as text, metric
 * trends as inline SVG. Every value from the data is escaped; the report holds only what it is given.
 */
export function buildHealthReportHtml(report: AssetHealthReport): string {
  const title = `Health report: ${report.asset.id}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(title)}</h1>
<p class="muted">${e(report.asset.type)}, state ${e(report.asset.state ?? 'unknown')}. Period ${e(
    report.period.from,
  )} to ${e(report.period.to)}; generated ${e(report.generatedAt)}.</p>
${riskSection(report)}
${trendSection(report)}
${orderSection(report.lastOrder)}
${dueSection(report.openOrders, report.nextPlanDue)}
${contractSection(report.contract)}
</body></html>
`;
}
