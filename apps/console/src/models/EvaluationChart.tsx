import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../components/use-echart';

use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

/**
 * One plot of an evaluation report (ECharts, canvas) drawn from options built by
 * `evaluation-view.ts`. An image to assistive technology: the table beside it carries the figures.
 */
export function EvaluationChart({
  options,
  label,
  testId,
  height = 300,
}: {
  options: EChartsCoreOption;
  label: string;
  testId: string;
  height?: number;
}) {
  const host = useEChart(options);
  return (
    <div
      ref={host}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
