import { MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it('exposes the process metrics under their standard names, not prefixed', async () => {
    const text = await new MetricsRegistry().render();
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).not.toContain('hg_process_');
  });

  it('reports the build as hg_build_info with version, commit and Node version labels', async () => {
    const metrics = new MetricsRegistry({
      defaultMetrics: false,
      build: { version: '1.2.3', commit: 'abc1234' },
    });
    expect(await metrics.render()).toContain(
      `hg_build_info{version="1.2.3",commit="abc1234",node="${process.version}"} 1`,
    );
  });

  it('has no build gauge and no process metrics when asked for neither', async () => {
    const text = await new MetricsRegistry({ defaultMetrics: false }).render();
    expect(text.trim()).toBe('');
  });

  it('returns the same metric when a name is declared twice', () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const a = metrics.counter('hg_test_total', 'a test counter');
    expect(metrics.counter('hg_test_total', 'a test counter')).toBe(a);
  });
});
