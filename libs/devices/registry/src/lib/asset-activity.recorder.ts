import type { SqlDatabase } from '@hourglass/platform-sql';

/** What {@link AssetActivityRecorder} reads of a durable telemetry sample (a `TelemetrySample` has it). */
export interface AssetSighting {
  /** The device id, which is the asset id. */
  deviceId: string;
  /** Device time, epoch ms. */
  ts: number;
  state?: string;
}

/** Options of {@link AssetActivityRecorder}. */
export interface AssetActivityRecorderOptions {
  /**
   * Shortest time between two `lastSeen` writes, ms (default 1,000). Each write updates every asset
   * heard from since the last one (in statements of 1,000 assets), whatever the interval, so a
   * longer one costs less per message. A scoring process of its own learns of new rows through
   * `lastSeen`, so this bounds how late it hears of them; in one process {@link takeFresh} does not wait.
   */
  seenFlushMs?: number;
  now?: () => number;
  /** Where a failed background `lastSeen` write is reported. */
  log?: (line: string) => void;
}

/** Default shortest time between two `lastSeen` writes, ms. */
export const DEFAULT_SEEN_FLUSH_MS = 1_000;

/** Assets per `lastSeen` statement: on the embedded database one statement holds the event loop. */
const SEEN_CHUNK = 1_000;

interface Latest {
  ts: number;
  state?: string;
}

/**
 * Keeps each asset's `state` and `lastSeen` from durable telemetry (the runtime gives it to ingest as
 * a durable-batch hook). Both are merged in memory and written at most once per `seenFlushMs`, so a
 * batch of thousands of devices does not update thousands of rows. That write runs beside the
 * batches, not in their acknowledgement path: `lastSeen` is a status figure, not telemetry, and a
 * failed write is retried with the next one (and on `close()` at shutdown). Unknown assets are ignored.
 */
export class AssetActivityRecorder {
  private readonly seen = new Map<string, Latest>();
  /** Newest durable device time per asset since the last {@link takeFresh}. */
  private readonly fresh = new Map<string, number>();
  /** Assets whose `lastSeen` this recorder has written (others may show none in the registry yet). */
  private readonly written = new Set<string>();
  private seenFlushedAt = 0;
  private seenWrite?: Promise<void>;
  private seenTimer?: NodeJS.Timeout;

  private readonly seenFlushMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(
    private readonly db: SqlDatabase,
    options: AssetActivityRecorderOptions = {},
  ) {
    this.seenFlushMs = options.seenFlushMs ?? DEFAULT_SEEN_FLUSH_MS;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  /** Merges a durably stored batch (newest device time wins per asset) and schedules the write. */
  onDurable(samples: readonly AssetSighting[]): void {
    // In device time order, so a sample without a state takes the state of the one before it.
    const sorted = [...samples].sort((a, b) => a.ts - b.ts);
    for (const s of sorted) {
      const prev = this.seen.get(s.deviceId);
      if (!prev || s.ts >= prev.ts)
        this.seen.set(s.deviceId, { ts: s.ts, state: s.state ?? prev?.state });
      const known = this.fresh.get(s.deviceId);
      if (known === undefined || s.ts > known) this.fresh.set(s.deviceId, s.ts);
    }
    this.scheduleSeen();
  }

  /**
   * The assets with durable telemetry since the last call, with the newest device time of each
   * (every row up to it is durable), without waiting for the `lastSeen` write: scoring in the same
   * process drains it each round. When one of them has no `lastSeen` written by this recorder yet
   * (a first message: the registry lists only assets that have reported), writes `lastSeen` first.
   */
  async takeFresh(): Promise<Map<string, number>> {
    const taken = new Map(this.fresh);
    this.fresh.clear();
    if ([...taken.keys()].some((id) => !this.written.has(id))) {
      try {
        await this.flushSeen();
      } catch (error) {
        // Handed over again next time (newer entries win), as the lastSeen write is retried.
        for (const [id, ts] of taken)
          if ((this.fresh.get(id) ?? -Infinity) < ts) this.fresh.set(id, ts);
        throw error;
      }
    }
    return taken;
  }

  /** Writes what is merged (after any write under way) and stops the timer: ingest calls it on close. */
  async close(): Promise<void> {
    await this.flushSeen();
  }

  /** Writes the merged `lastSeen`/`state` of every asset heard from since the last flush (after any write under way). */
  async flushSeen(): Promise<void> {
    clearTimeout(this.seenTimer);
    this.seenTimer = undefined;
    await this.seenWrite;
    await this.writeSeen();
  }

  /**
   * Writes `lastSeen` now if the last write is `seenFlushMs` old, else once it is (a timer, so the
   * last messages of a fleet that goes quiet are not left waiting for a next batch).
   */
  private scheduleSeen(): void {
    if (this.seenWrite || this.seenTimer || this.seen.size === 0) return;
    const wait = this.seenFlushedAt + this.seenFlushMs - this.now();
    if (wait > 0) {
      this.seenTimer = setTimeout(() => {
        this.seenTimer = undefined;
        this.scheduleSeen();
      }, wait);
      this.seenTimer.unref();
      return;
    }
    this.seenWrite = this.writeSeen()
      .catch((error: Error) =>
        this.log(`ingest: lastSeen update failed (${error.message}); retrying with the next one`),
      )
      .finally(() => {
        this.seenWrite = undefined;
        this.scheduleSeen(); // what arrived during the write
      });
  }

  private async writeSeen(): Promise<void> {
    this.seenFlushedAt = this.now();
    if (this.seen.size === 0) return;
    const ids = [...this.seen.keys()];
    const latest = [...this.seen.values()];
    this.seen.clear();
    for (let from = 0; from < ids.length; from += SEEN_CHUNK) {
      try {
        await this.writeChunk(
          ids.slice(from, from + SEEN_CHUNK),
          latest.slice(from, from + SEEN_CHUNK),
        );
        for (const id of ids.slice(from, from + SEEN_CHUNK)) this.written.add(id);
      } catch (error) {
        // Put back what was not written (newer entries win) so the next flush tries again.
        ids.slice(from).forEach((id, i) => {
          const now = this.seen.get(id);
          if (!now || now.ts < latest[from + i].ts) this.seen.set(id, latest[from + i]);
        });
        throw error;
      }
      // The embedded database runs on this thread: let sockets and timers in between chunks.
      if (from + SEEN_CHUNK < ids.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async writeChunk(ids: readonly string[], values: readonly Latest[]): Promise<void> {
    await this.db.query(
      `update assets a set last_seen = greatest(a.last_seen, u.t), state = coalesce(u.s, a.state)
       from unnest($1::text[], $2::timestamptz[], $3::text[]) as u(id, t, s)
       where a.id = u.id and (a.last_seen is null or a.last_seen <= u.t)`,
      [
        [...ids],
        values.map((l) => new Date(l.ts).toISOString()),
        values.map((l) => l.state ?? null) as string[],
      ],
    );
  }
}
