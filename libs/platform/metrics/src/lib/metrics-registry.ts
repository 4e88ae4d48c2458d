import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What `hg_build_info` reports of the running build. */
export interface BuildInfo {
  /** The package version (package.json). */
  version: string;
  /** The commit the build came from, or `unknown`. */
  commit: string;
}

/**
 * The process's Prometheus registry. Each service declares its metrics here once, by name;
 * asking twice for the same name returns the same metric so modules can be wired in any order.
 * The process metrics carry their standard names (`process_cpu_seconds_total`,
 * `nodejs_heap_size_used_bytes`, ...) so stock Node.js dashboards and alerts work unchanged.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor(options: { defaultMetrics?: boolean; build?: BuildInfo } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    if (options.build) {
      this.gauge('hg_build_info', 'the running build: always 1, the facts are labels', [
        'version',
        'commit',
        'node',
      ]).set({ ...options.build, node: process.version }, 1);
    }
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOr(
      name,
      () => new Counter({ name, help, labelNames, registers: [this.registry] }),
    );
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOr(
      name,
      () => new Gauge({ name, help, labelNames, registers: [this.registry] }),
    );
  }

  histogram<L extends string>(
    name: string,
    help: string,
    buckets: number[],
    labelNames: readonly L[] = [],
  ): Histogram<L> {
    return this.getOr(
      name,
      () => new Histogram({ name, help, buckets, labelNames, registers: [this.registry] }),
    );
  }

  /** Prometheus text exposition. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private getOr<M>(name: string, create: () => M): M {
    return (this.registry.getSingleMetric(name) as M | undefined) ?? create();
  }
}
