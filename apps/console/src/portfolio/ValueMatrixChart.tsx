import type { MatrixContractResponse, MatrixThresholdsResponse } from '@hourglass/contracts-api';
import { ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
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
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const instance = init(host.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(matrixChartOptions(items, thresholds, labels), { notMerge: true });
  }, [items, thresholds, labels]);
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
