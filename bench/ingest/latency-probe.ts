/** One poll's answer: the highest seq InfluxDB returns per sampled device. */
export type LatestSeqQuery = (
  deviceIds: readonly string[],
  sinceMs: number,
) => Promise<Map<string, number>>;

/**
 * Polls InfluxDB for the newest seq of a sample of devices and remembers when each value was first
 * seen, so that "when did (device, seq) become queryable" can be answered afterwards. A device's
 * points arrive in order, so seeing seq n means every earlier seq is queryable too. The time taken
 * is the poll's answer: an upper bound, late by at most one interval plus one query.
 */
export class LatencyProbe {
  /** Per device: [answered at, latest seq] each time the latest seq grew. */
  private readonly seen = new Map<string, Array<[number, number]>>();
  private running = false;
  private loop?: Promise<void>;
  polls = 0;
  pollMs = 0;
  errors = 0;

  constructor(
    private readonly query: LatestSeqQuery,
    private readonly deviceIds: readonly string[],
    private readonly intervalMs: number,
  ) {}

  start(sinceMs: number): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const asked = Date.now();
        const latest = await this.query(this.deviceIds, sinceMs).catch(() => {
          this.errors++;
          return new Map<string, number>();
        });
        const answered = Date.now();
        this.polls++;
        this.pollMs += answered - asked;
        for (const [device, seq] of latest) {
          const history = this.seen.get(device) ?? [];
          if (history.length === 0 || history[history.length - 1][1] < seq)
            history.push([answered, seq]);
          this.seen.set(device, history);
        }
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** When `seq` of `deviceId` was first seen, or undefined if never. */
  firstSeen(deviceId: string, seq: number): number | undefined {
    return this.seen.get(deviceId)?.find(([, latest]) => latest >= seq)?.[0];
  }

  /** The newest seq seen for `deviceId` (0 when none). */
  latest(deviceId: string): number {
    const history = this.seen.get(deviceId);
    return history?.[history.length - 1]?.[1] ?? 0;
  }
}
