import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * A canvas ECharts instance on the returned element's ref: made once, resized with its element,
 * disposed on unmount, and given `options` whole (not merged) whenever they change. The chart
 * types and components it draws are registered by the caller (`use([...])` of echarts/core). The
 * element's `data-drawn-at` is when the last drawing finished (`performance.now()`): the console
 * bench times charts by it.
 */
export function useEChart(options: EChartsCoreOption) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!host.current) return;
    const el = host.current;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => {
      el.dataset['drawnAt'] = String(performance.now());
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
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
