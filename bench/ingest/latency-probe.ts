/** One poll's answer: the seqs InfluxDB returns per sampled device (any order, repeats allowed). */
export type SeenSeqQuery = (
  deviceIds: readonly string[],
  sinceMs: number,
) => Promise<Map<string, readonly number[]>>;

/**
 * Polls InfluxDB for the seqs of a sample of devices and remembers when each (device, seq) was
 * first seen, so that "when did (device, seq) become queryable" can be answered afterwards. With
 * more than one message in flight per device (and writers in parallel), a later seq can become
 * queryable before an earlier one, so each seq is timed on its own, never inferred from a newer one.
 * The time taken is the poll's answer: an upper bound, late by at most one interval plus one query.
 */
export class LatencyProbe {
  /** Per device: seq -> when a poll first answered with it. */
  private readonly seen = new Map<string, Map<number, number>>();
  private running = false;
  private loop?: Promise<void>;
  polls = 0;
  pollMs = 0;
  errors = 0;

  constructor(
    private readonly query: SeenSeqQuery,
    private readonly deviceIds: readonly string[],
    private readonly intervalMs: number,
  ) {}

  start(sinceMs: number): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.poll(sinceMs);
        await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One query; records the answer time of every (device, seq) not seen before. */
  async poll(sinceMs: number): Promise<void> {
    const asked = Date.now();
    const answer = await this.query(this.deviceIds, sinceMs).catch(() => {
      this.errors++;
      return new Map<string, readonly number[]>();
    });
    const answered = Date.now();
    this.polls++;
    this.pollMs += answered - asked;
    for (const [device, seqs] of answer) {
      const times = this.seen.get(device) ?? new Map<number, number>();
      for (const seq of seqs) if (!times.has(seq)) times.set(seq, answered);
      this.seen.set(device, times);
    }
  }

  /** When `seq` of `deviceId` was first seen, or undefined if never. */
  firstSeen(deviceId: string, seq: number): number | undefined {
    return this.seen.get(deviceId)?.get(seq);
  }
}
