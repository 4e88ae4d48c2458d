import * as echarts from 'echarts';
import { EvaluationReport } from './evaluation-report';

type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

const WIDTH = 720;
const HEIGHT = 360;
const pct = (v: number) => Math.round(v * 1000) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Renders one chart to an SVG string with ECharts' server-side renderer. */
export function renderChartSvg(option: ChartOption, width = WIDTH, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // an undisposed SSR chart keeps the process alive
  }
}

/** Bias, MAE and RMSE of predicted RUL per true-RUL bucket. */
export function rulErrorChart(report: EvaluationReport): ChartOption {
  const buckets = report.rul.byTrueRul;
  return {
    title: { text: 'RUL error by true RUL', left: 'center' },
    legend: { top: 28 },
    grid: { top: 70, bottom: 50, left: 60, right: 20 },
    xAxis: {
      type: 'category',
      name: 'true RUL (cycles)',
      nameLocation: 'middle',
      nameGap: 30,
      data: buckets.map((b) => (b.to === null ? `${b.from}+` : `${b.from}-${b.to - 1}`)),
    },
    yAxis: { type: 'value', name: 'cycles' },
    series: [
      { name: 'RMSE', type: 'bar', data: buckets.map((b) => r2(b.rmse)) },
      { name: 'MAE', type: 'bar', data: buckets.map((b) => r2(b.mae)) },
      { name: 'bias (pred - true)', type: 'line', data: buckets.map((b) => r2(b.bias)) },
    ],
  };
}

/** Observed frequency against mean predicted probability, with the diagonal. */
export function calibrationChart(report: EvaluationReport): ChartOption {
  const bins = report.calibration.bins;
  return {
    title: { text: `Calibration of P(fail within ${report.model.horizon})`, left: 'center' },
    legend: { top: 28 },
    grid: { top: 70, bottom: 50, left: 60, right: 20 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'predicted',
      nameLocation: 'middle',
      nameGap: 30,
    },
    yAxis: { type: 'value', min: 0, max: 1, name: 'observed' },
    series: [
      {
        name: 'perfect',
        type: 'line',
        symbol: 'none',
        lineStyle: { type: 'dashed' },
        data: [
          [0, 0],
          [1, 1],
        ],
      },
      {
        name: 'model',
        type: 'line',
        data: bins.map((b) => [r2(b.predicted * 100) / 100, r2(b.observed * 100) / 100]),
      },
    ],
  };
}

/** Precision and recall of "fails within H" per threshold. */
export function precisionRecallChart(report: EvaluationReport): ChartOption {
  const rows = report.classification;
  return {
    title: { text: `"Fails within ${report.model.horizon}": precision and recall`, left: 'center' },
    legend: { top: 28 },
    grid: { top: 70, bottom: 50, left: 60, right: 20 },
    xAxis: {
      type: 'category',
      name: 'threshold',
      nameLocation: 'middle',
      nameGap: 30,
      data: rows.map((r) => String(r.threshold)),
    },
    yAxis: { type: 'value', min: 0, max: 100, name: '%' },
    series: [
      { name: 'precision', type: 'line', data: rows.map((r) => pct(r.precision)) },
      { name: 'recall', type: 'line', data: rows.map((r) => pct(r.recall)) },
    ],
  };
}

/** Lead time of the first warning (box: p10-p25-median-p75-p90) per threshold. */
export function leadTimeChart(report: EvaluationReport): ChartOption {
  const rows = report.backtest.byThreshold;
  return {
    title: { text: 'Lead time of the first warning (p10, p25, median, p75, p90)', left: 'center' },
    grid: { top: 50, bottom: 50, left: 60, right: 20 },
    xAxis: {
      type: 'category',
      name: 'threshold',
      nameLocation: 'middle',
      nameGap: 30,
      data: rows.map((r) => String(r.threshold)),
    },
    yAxis: { type: 'value', name: 'cycles before failure' },
    series: [
      {
        name: 'lead time',
        type: 'boxplot',
        data: rows.map((r) =>
          r.leadTime
            ? [
                r.leadTime.p10,
                r.leadTime.p25,
                r.leadTime.median,
                r.leadTime.p75,
                r.leadTime.p90,
              ].map(r2)
            : [0, 0, 0, 0, 0],
        ),
      },
    ],
  };
}

/** Missed failures and false warnings per asset-year per threshold. */
export function warningTradeOffChart(report: EvaluationReport): ChartOption {
  const rows = report.backtest.byThreshold;
  return {
    title: { text: 'Missed failures and false warnings', left: 'center' },
    legend: { top: 28 },
    grid: { top: 70, bottom: 50, left: 60, right: 60 },
    xAxis: {
      type: 'category',
      name: 'threshold',
      nameLocation: 'middle',
      nameGap: 30,
      data: rows.map((r) => String(r.threshold)),
    },
    yAxis: [
      { type: 'value', name: 'missed (% of failures)', min: 0 },
      { type: 'value', name: 'false / asset-year', min: 0 },
    ],
    series: [
      {
        name: 'missed failures %',
        type: 'bar',
        data: rows.map((r) => pct(r.missed / Math.max(1, r.units))),
      },
      {
        name: 'false warnings per asset-year',
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => r2(r.falseWarningsPerAssetYear)),
      },
    ],
  };
}
