import type { MatrixContractResponse, MatrixThresholdsResponse } from '@hourglass/contracts-api';
import { ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useEChart } from '../components/use-echart';
import { matrixChartOptions, type MatrixChartLabels } from './portfolio-view';

use([
  ScatterChart,
  GridComponent,
  TooltipComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

/**
 * The strategic value matrix as a scatter (ECharts, canvas). The chart is an image to assistive
 * technology: the quadrant tables below it carry the same data.
 */
export function ValueMatrixChart({
  items,
  thresholds,
  labels,
  label,
  height = 420,
}: {
  items: readonly MatrixContractResponse[];
  thresholds: MatrixThresholdsResponse;
  labels: MatrixChartLabels;
  label: string;
  height?: number;
}) {
  const options = useMemo(
    () => matrixChartOptions(items, thresholds, labels),
    [items, thresholds, labels],
  );
  const host = useEChart(options);
  return (
    <div
      ref={host}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid="value-matrix-chart"
      data-points={items.length}
    />
  );
}
