import type { Socket } from 'node:net';

/** What the fault proxy does with one chunk: deliver it after a delay, or reset the connection. */
export type ChunkFate = { delayMs: number } | 'reset';

/**
 * Writes chunks to a socket each after its own delay, never out of order: a chunk is released no
 * earlier than the one before it, so one stalled chunk holds back everything behind it, as a lost
 * segment does in TCP (head-of-line blocking).
 */
export class DelayedStream {
  private readonly queue: Array<{ at: number; chunk: Buffer }> = [];
  private lastAt = 0;
  private timer?: NodeJS.Timeout;
  private ending = false;

  constructor(private readonly to: Socket) {
    to.once('close', () => {
      clearTimeout(this.timer);
      this.queue.length = 0;
    });
  }

  push(chunk: Buffer, delayMs: number): void {
    if (delayMs <= 0 && this.queue.length === 0) {
      this.to.write(chunk);
      return;
    }
    this.lastAt = Math.max(Date.now() + delayMs, this.lastAt);
    this.queue.push({ at: this.lastAt, chunk });
    this.schedule();
  }

  /**
   * Ends the socket once every chunk queued so far is written: the other side closed, and its FIN
   * travels behind its data, as on a real link (ending at once would drop a delayed answer).
   */
  endAfterQueued(): void {
    this.ending = true;
    if (this.queue.length === 0) this.to.end();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, this.queue[0].at - Date.now()));
  }

  private release(): void {
    this.timer = undefined;
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0].at <= now) {
      const next = this.queue.shift() as { chunk: Buffer };
      if (!this.to.destroyed) this.to.write(next.chunk);
    }
    if (this.ending && this.queue.length === 0) this.to.end();
    this.schedule();
  }
}
