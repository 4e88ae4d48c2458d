import { LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from './use-echart';

use([
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/** One line: a name and its [epoch ms, value] points in time order. */
export interface ChartSeries {
  name: string;
  points: Array<[number, number]>;
}

/** A vertical line at an instant (epoch ms) with its label, e.g. an order raised then. */
export interface ChartMark {
  at: number;
  label: string;
}

/**
 * A zoomable time-series chart (ECharts, canvas): LTTB sampling keeps a year of hourly points
 * cheap to draw, the slider and the mouse wheel zoom into the loaded range.
 */
export function TimeSeriesChart({
  series,
  label,
  height = 320,
  marks = NO_MARKS,
}: {
  series: ChartSeries[];
  label: string;
  height?: number;
  /** Drawn as vertical lines on the first series. */
  marks?: ChartMark[];
}) {
  const options = useMemo(
    () => ({
      animation: false,
      grid: { left: 56, right: 24, top: 40, bottom: 72 },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 16 }],
      series: series.map((s, i) => ({
        name: s.name,
        type: 'line',
        data: s.points,
        // A line of one point draws nothing: show it as a dot.
        showSymbol: s.points.length === 1,
        sampling: 'lttb',
        large: true,
        ...(i === 0 && marks.length > 0 ? { markLine: markLine(marks) } : {}),
      })),
    }),
    [series, marks],
  );
  const host = useEChart(options);
  return <div ref={host} className="chart" style={{ height }} role="img" aria-label={label} />;
}

const NO_MARKS: ChartMark[] = [];

/** ECharts' mark line option of `marks`: dashed, labelled above the plot, not part of the tooltip. */
function markLine(marks: readonly ChartMark[]) {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { type: 'dashed' },
    label: { formatter: '{b}', position: 'end' },
    data: marks.map((m) => ({ xAxis: m.at, name: m.label })),
  };
}
