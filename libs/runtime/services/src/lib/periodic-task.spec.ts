import { MetricsRegistry } from '@hourglass/platform-metrics';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('counts runs by outcome, times them and keeps the last success, labelled by job', async () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const lines: string[] = [];
    let fail = false;
    const task = new PeriodicTask(
      'billing',
      60_000,
      async () => {
        if (fail) throw new Error('database unreachable');
      },
      (line) => lines.push(line),
      metrics,
    );
    const before = Date.now() / 1000;
    await task.runNow();
    fail = true;
    await task.runNow();
    await task.runNow();
    const text = await metrics.render();
    expect(text).toContain('hg_job_runs_total{task="billing",outcome="ok"} 1');
    expect(text).toContain('hg_job_runs_total{task="billing",outcome="failed"} 2');
    expect(text).toContain('hg_job_run_seconds_count{task="billing"} 3');
    const last = Number(
      /hg_job_last_success_timestamp_seconds\{task="billing"\} (\S+)/.exec(text)?.[1],
    );
    expect(last).toBeGreaterThanOrEqual(Math.floor(before));
    expect(last).toBeLessThanOrEqual(Date.now() / 1000);
    expect(lines).toEqual(['billing: database unreachable', 'billing: database unreachable']);
  });
});
