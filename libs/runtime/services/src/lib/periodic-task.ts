import type { MetricsRegistry } from '@hourglass/platform-metrics';

/** The metrics of every periodic job, labelled by task name (alert rules read them). */
function jobMetrics(metrics: MetricsRegistry) {
  return {
    runs: metrics.counter('hg_job_runs_total', 'runs of a periodic job by outcome', [
      'task',
      'outcome',
    ]),
    seconds: metrics.histogram(
      'hg_job_run_seconds',
      'time one run of a periodic job took',
      [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
      ['task'],
    ),
    lastSuccess: metrics.gauge(
      'hg_job_last_success_timestamp_seconds',
      'when a periodic job last finished without error (unix seconds)',
      ['task'],
    ),
  };
}

/**
 * Runs `work` every `intervalMs`, never two at once; a failing run is logged and the next one
 * goes ahead. `stop()` waits for the run in progress. With a metrics registry each run is counted
 * by outcome and timed, and the last success is kept as a timestamp (a stalled or failing job is
 * what the Prometheus alert rules look for).
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly m?: ReturnType<typeof jobMetrics>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<void>,
    private readonly log: (line: string) => void,
    metrics?: MetricsRegistry,
  ) {
    this.m = metrics && jobMetrics(metrics);
  }

  start(): this {
    this.schedule(0);
    return this;
  }

  /** Runs once now (waiting for a run in progress first). */
  async runNow(): Promise<void> {
    if (this.running) await this.running;
    await this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.tick().finally(() => this.schedule(this.intervalMs)),
      delay,
    );
  }

  private async tick(): Promise<void> {
    const started = performance.now();
    this.running = this.work().then(
      () => this.count('ok', started),
      (error: Error) => {
        this.count('failed', started);
        this.log(`${this.name}: ${error.message}`);
      },
    );
    await this.running;
    this.running = undefined;
  }

  private count(outcome: 'ok' | 'failed', started: number): void {
    if (!this.m) return;
    this.m.runs.inc({ task: this.name, outcome });
    this.m.seconds.observe({ task: this.name }, (performance.now() - started) / 1000);
    if (outcome === 'ok') this.m.lastSuccess.set({ task: this.name }, Date.now() / 1000);
  }
}
