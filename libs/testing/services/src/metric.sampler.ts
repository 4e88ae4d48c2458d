/** One reading of a {@link MetricSampler}: epoch ms and a value per key. */
export type MetricSample<K extends string> = { at: number } & Record<K, number>;

/**
 * Reads a few numbers (gauges, unacked count, RSS) every `intervalMs` while a fault test runs,
 * so it can assert on peaks within a time window afterwards.
 */
export class MetricSampler<K extends string> {
  readonly samples: Array<MetricSample<K>> = [];
  private timer?: NodeJS.Timeout;
  private reading = false;

  constructor(
    private readonly read: () => Promise<Record<K, number>>,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sample(), this.intervalMs);
  }

  /** Stops sampling after one last reading. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sample();
  }

  /** Highest value of `key` among readings taken in [from, to]. */
  peak(key: K, from = 0, to = Number.POSITIVE_INFINITY): number {
    let max = Number.NEGATIVE_INFINITY;
    for (const s of this.samples) if (s.at >= from && s.at <= to) max = Math.max(max, s[key]);
    return max;
  }

  /** The newest reading. */
  get last(): MetricSample<K> | undefined {
    return this.samples.at(-1);
  }

  async sample(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      this.samples.push({ at: Date.now(), ...(await this.read()) } as MetricSample<K>);
    } finally {
      this.reading = false;
    }
  }
}
