import { progress } from '../support/bench-contract';
import { ChildHost } from '../support/child-host';
import { timedPhase } from '../support/phase-progress';
import { LatencyHistogram } from '../support/stats';
import type { DeviceSpec } from './device-connection';
import type { ConnectResult, GeneratorInit, RunParams, RunStats } from './generator-protocol';

/** The merged outcome of one phase over every worker. */
export interface FleetRunStats extends Omit<RunStats, 'ackHistogram'> {
  ackLatency: LatencyHistogram;
}

/**
 * The load generator: `workers` child processes (bench/load-generator.ts), each carrying a slice
 * of the devices, so that the generator's CPU shows up outside the process under test.
 */
export class GeneratorFleet {
  private constructor(
    private readonly name: string,
    private readonly workers: ChildHost[],
  ) {}

  /**
   * With `subscriber`, one worker runs it beside every device (so that a device's next message can
   * wait for the delivery of the previous one): `workers` is then 1.
   */
  static async start(
    name: string,
    url: string,
    devices: readonly DeviceSpec[],
    options: {
      sampled?: readonly string[];
      workers: number;
      subscriber?: GeneratorInit['subscriber'];
    },
  ): Promise<GeneratorFleet> {
    const sampled = options.sampled ?? [];
    const count = options.subscriber ? 1 : Math.max(1, Math.min(options.workers, devices.length));
    const hosts = Array.from({ length: count }, (_, i) =>
      ChildHost.start(`${name}-generator-${i + 1}`, 'bench/load-generator.ts'),
    );
    const fleet = new GeneratorFleet(name, hosts);
    try {
      await Promise.all(
        hosts.map((host, i) => {
          const slice = devices.filter((_, d) => d % count === i);
          const ids = new Set(slice.map((d) => d.id));
          const init: GeneratorInit = {
            url,
            devices: slice,
            sampled: sampled.filter((id) => ids.has(id)),
            subscriber: options.subscriber,
          };
          return host.call('init', init);
        }),
      );
    } catch (error) {
      await fleet.stop();
      throw error;
    }
    return fleet;
  }

  /** Connects every device (at most `concurrency` CONNECTs pending per worker). */
  async connect(concurrency: number, timeoutMs = 60_000): Promise<ConnectResult & { ms: number }> {
    const t0 = Date.now();
    const results = await Promise.all(
      this.workers.map((w) => w.call<ConnectResult>('connect', { concurrency, timeoutMs })),
    );
    const merged: ConnectResult = { connected: 0, failed: {} };
    for (const r of results) {
      merged.connected += r.connected;
      for (const [reason, n] of Object.entries(r.failed))
        merged.failed[reason] = (merged.failed[reason] ?? 0) + n;
    }
    const ms = Date.now() - t0;
    progress(
      `  connected ${merged.connected} devices in ${(ms / 1000).toFixed(1)} s${Object.keys(merged.failed).length ? `; failed ${JSON.stringify(merged.failed)}` : ''}`,
    );
    return { ...merged, ms };
  }

  /** Runs one phase on every worker at once; an open-loop rate is split evenly between them. */
  async run(params: RunParams): Promise<FleetRunStats> {
    const share = { ...params, rate: params.rate / this.workers.length };
    const all = () => Promise.all(this.workers.map((w) => w.call<RunStats>('run', share)));
    // seconds 0: one message per device (a reconnect check), nothing to time.
    const results =
      params.seconds > 0
        ? await timedPhase(
            `${this.name}: ${params.mode} loop${params.mode === 'open' ? ` at ${params.rate} msg/s` : ''}`,
            params.seconds,
            all,
            { overtime: 'publishing over, waiting for the last PUBACKs' },
          )
        : await all();
    const ackLatency = new LatencyHistogram();
    for (const r of results) ackLatency.merge({ counts: r.ackHistogram });
    return {
      published: sum(results, (r) => r.published),
      acked: sum(results, (r) => r.acked),
      firstPublishAt: Math.min(...results.map((r) => r.firstPublishAt)),
      lastPublishAt: Math.max(...results.map((r) => r.lastPublishAt)),
      lastAckAt: Math.max(...results.map((r) => r.lastAckAt)),
      delivered: sum(results, (r) => r.delivered),
      lastDeliveredAt: Math.max(...results.map((r) => r.lastDeliveredAt)),
      behind: sum(results, (r) => r.behind),
      disconnects: sum(results, (r) => r.disconnects),
      samples: results.flatMap((r) => r.samples),
      ackLatency,
    };
  }

  /** CPU time of every worker together. */
  async cpuUsage(): Promise<NodeJS.CpuUsage> {
    const all = await Promise.all(this.workers.map((w) => w.call<NodeJS.CpuUsage>('cpu')));
    return { user: sum(all, (u) => u.user), system: sum(all, (u) => u.system) };
  }

  /** Disconnects every device and ends the workers. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}

const sum = <T>(items: readonly T[], f: (item: T) => number) =>
  items.reduce((total, item) => total + f(item), 0);
