import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Flush to the socket once this much text is buffered: few large writes, little held. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Writes text to a response in chunks, waiting for `drain` when the client reads slower than we
 * produce, so what the process holds stays near one chunk whatever the answer's size.
 */
export class JsonStreamWriter {
  private buffered: string[] = [];
  private bufferedChars = 0;
  /** Bytes written so far (UTF-8), buffered text included. */
  bytes = 0;

  constructor(private readonly out: Writable) {}

  /** Whether the client went away (stop producing). */
  get closed(): boolean {
    return this.out.destroyed || this.out.writableEnded;
  }

  async write(text: string): Promise<void> {
    this.buffered.push(text);
    this.bufferedChars += text.length;
    this.bytes += Buffer.byteLength(text);
    if (this.bufferedChars >= FLUSH_CHARS) await this.flush();
  }

  async end(text: string): Promise<void> {
    await this.write(text);
    await this.flush();
    this.out.end();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffered.join('');
    this.buffered = [];
    this.bufferedChars = 0;
    if (this.closed || chunk.length === 0) return;
    if (!this.out.write(chunk))
      await Promise.race([once(this.out, 'drain'), once(this.out, 'close')]);
  }
}
