import {
  calibrationChart,
  leadTimeChart,
  precisionRecallChart,
  renderChartSvg,
  rulErrorChart,
  warningTradeOffChart,
} from './evaluation-charts';
import { EvaluationReport } from './evaluation-report';

const f = (v: number, digits = 2) => v.toFixed(digits);
const escape = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

/**
 * `evaluation.html`: one self-contained page (charts as inline SVG rendered by ECharts on the
 * server, no scripts) with the tables an engineer needs to pick a warning threshold.
 */
export function renderEvaluationHtml(report: EvaluationReport): string {
  const charts = [
    rulErrorChart,
    calibrationChart,
    precisionRecallChart,
    leadTimeChart,
    warningTradeOffChart,
  ].map((chart) => `<figure>${renderChartSvg(chart(report))}</figure>`);
  const { model, backtest } = report;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation: ${escape(model.version)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:800px;margin:2em auto;padding:0 1em}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
figure{margin:1.5em 0}</style></head><body>
<h1>Evaluation of ${escape(model.version)}</h1>
<p>${escape(report.source)}. ${report.units} run-to-failure histories, ${report.rows} rows scored;
horizon ${model.horizon} cycles, RUL cap ${model.rulCap}. Generated ${escape(report.createdAt)}.</p>
${headline(report)}
<h2>Remaining useful life</h2>
<p>RMSE ${f(report.rul.rmseCapped)} over every row against the capped RUL (the training target);
${f(report.rul.rmseUpToCap)} over rows whose true RUL is at most ${model.rulCap}.</p>
${charts[0]}
<h2>Probability of failure within ${model.horizon} cycles</h2>
<p>Brier score ${report.calibration.brier.toFixed(4)}, expected calibration error
${report.calibration.expectedCalibrationError.toFixed(4)}, base rate ${f(100 * report.calibration.baseRate, 1)} % of rows.</p>
${charts[1]}${charts[2]}
<h2>Warning policy backtest</h2>
<p>A warning fires when the probability has been at or above the threshold for ${backtest.consecutive}
consecutive cycles, and re-arms when it drops below. A failure is missed when no warning came at least
${backtest.minLead} cycles before it; a warning more than ${backtest.falseBeyond} cycles before failure is
a false warning. Exposure ${f(backtest.assetYears, 1)} asset-years (${backtest.cyclesPerYear} cycles per year
unless a history states its time span).</p>
${charts[3]}${charts[4]}
${backtestTable(report)}
</body></html>
`;
}

function headline(report: EvaluationReport): string {
  const entries = Object.entries(report.headline);
  if (entries.length === 0) return '';
  const rows = entries.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${f(v)}</td></tr>`).join('');
  return `<table>${rows}</table>`;
}

function backtestTable(report: EvaluationReport): string {
  const head =
    '<tr><th>threshold</th><th>precision (rows)</th><th>recall (rows)</th><th>detected</th><th>missed</th>' +
    '<th>median lead</th><th>p10 lead</th><th>early first warnings</th><th>false warnings / asset-year</th></tr>';
  const rows = report.backtest.byThreshold.map((b, i) => {
    const c = report.classification[i];
    const lead = b.leadTime;
    return (
      `<tr><td>${b.threshold}</td><td>${f(100 * c.precision, 1)} %</td><td>${f(100 * c.recall, 1)} %</td>` +
      `<td>${b.detected}/${b.units}</td><td>${b.missed}</td><td>${lead ? f(lead.median, 0) : '-'}</td>` +
      `<td>${lead ? f(lead.p10, 0) : '-'}</td><td>${b.earlyFirstWarnings}</td><td>${f(b.falseWarningsPerAssetYear)}</td></tr>`
    );
  });
  return `<table>${head}${rows.join('\n')}</table>`;
}
