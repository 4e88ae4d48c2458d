import * as echarts from 'echarts';
import type { ReportMetricSeries } from './asset-health-report.types';

type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** Size of one metric chart in CSS pixels (fits an A4 page's width with margins). */
export const REPORT_CHART_SIZE = Object.freeze({ width: 680, height: 220 });

/** One metric's trend as a standalone SVG, rendered by ECharts' server-side SVG renderer. */
export function metricTrendSvg(series: ReportMetricSeries): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...REPORT_CHART_SIZE });
  try {
    chart.setOption(trendOption(series));
    return chart.renderToSVGString();
  } finally {
    chart.dispose(); // an undisposed SSR chart keeps the process alive
  }
}

function trendOption(series: ReportMetricSeries): ChartOption {
  return {
    animation: false,
    title: { text: series.name, left: 'left', textStyle: { fontSize: 13 } },
    grid: { top: 36, bottom: 28, left: 56, right: 16 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        name: series.name,
        type: 'line',
        showSymbol: false,
        lineStyle: { width: 1.5 },
        data: series.points.map(([ts, value]) => [ts, value]),
      },
    ],
  };
}
