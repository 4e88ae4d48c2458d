import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * A canvas ECharts instance on the returned element's ref: made once, resized with its element,
 * disposed on unmount, and given `options` whole (not merged) whenever they change. The chart
 * types and components it draws are registered by the caller (`use([...])` of echarts/core).
 */
export function useEChart(options: EChartsCoreOption) {
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
    chart.current?.setOption(options, { notMerge: true });
  }, [options]);
  return host;
}
