import type { Duplex } from 'node:stream';
import type { RejectionReason } from './broker-limits';

const enum Stage {
  Header,
  Length,
  Body,
}

/**
 * Follows the MQTT framing of one connection's byte stream (fixed header, remaining length,
 * body) without keeping any of it, so that a packet declaring more than the limit is refused as
 * soon as its length field arrives, before any parser buffers its body. Also refuses what no
 * parser should see: reserved packet types 0 and 15, a PUBLISH with QoS 3 (MQTT 3.1.1 §3.3.1.2)
 * and a remaining length longer than four bytes (§2.2.3).
 */
export class PacketSizeGuard {
  private stage = Stage.Header;
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private left = 0;
  private first = true;
  private type = 0;

  constructor(private readonly maxPacketBytes: number) {}

  /** Follows a chunk; returns why the stream must be closed, or null. */
  feed(chunk: Uint8Array): RejectionReason | null {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.stage === Stage.Body) {
        const skip = Math.min(this.left, n - i);
        i += skip;
        this.left -= skip;
        if (this.left === 0) this.stage = Stage.Header;
        continue;
      }
      const byte = chunk[i++];
      if (this.stage === Stage.Header) {
        const type = byte >> 4;
        if (type === 0 || type === 15) return 'malformed_packet';
        if (type === 3 && ((byte >> 1) & 3) === 3) return 'malformed_packet';
        this.type = type;
        this.stage = Stage.Length;
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        continue;
      }
      this.length += (byte & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      if (++this.lengthBytes > 4) return 'malformed_packet';
      if (this.length > this.maxPacketBytes) return 'packet_too_large';
      if (byte & 0x80) continue;
      this.left = this.length;
      this.stage = this.left === 0 ? Stage.Header : Stage.Body;
      if (this.first && this.type === 1 && !supportedLevel(chunk, i)) return 'unsupported_protocol';
      this.first = false;
    }
    return null;
  }
}

/**
 * Whether the CONNECT whose variable header starts at `at` carries a protocol level the broker
 * speaks (3, 4, or 5, which aedes refuses itself). MQTT 3.1.1 §3.1.2.2 wants a CONNACK 0x01 for
 * any other level, which the packet parser would not give: it just fails. Unknown when the bytes
 * are not all in this chunk (then the parser decides).
 */
function supportedLevel(chunk: Uint8Array, at: number): boolean {
  if (at + 2 > chunk.length) return true;
  const levelAt = at + 2 + ((chunk[at] << 8) | chunk[at + 1]);
  if (levelAt >= chunk.length) return true;
  const level = chunk[levelAt];
  return level === 3 || level === 4 || level === 5;
}

/** CONNACK with return code 0x01, unacceptable protocol level (MQTT 3.1.1 §3.2.2.3). */
const CONNACK_UNACCEPTABLE_PROTOCOL = Buffer.from([0x20, 0x02, 0x00, 0x01]);

/**
 * Puts a {@link PacketSizeGuard} in front of whoever reads `stream` with `read()` (aedes' client
 * does, in paused mode): each chunk is checked before it is handed on; a refused chunk is never
 * handed on, `onReject` is told, and the stream is destroyed.
 */
export function guardStreamReads(
  stream: Duplex,
  maxPacketBytes: number,
  onReject: (reason: RejectionReason) => void,
): void {
  const guard = new PacketSizeGuard(maxPacketBytes);
  const read = stream.read;
  let rejected = false;
  stream.read = function guardedRead(this: Duplex, size?: number) {
    if (rejected) return null;
    const chunk = read.call(this, size) as Buffer | null;
    if (chunk === null || chunk.length === 0) return chunk;
    const reason = guard.feed(chunk);
    if (reason === null) return chunk;
    rejected = true;
    onReject(reason);
    if (reason === 'unsupported_protocol') {
      this.end(CONNACK_UNACCEPTABLE_PROTOCOL);
      setTimeout(() => this.destroy(), 1_000).unref();
    } else {
      this.destroy();
    }
    return null;
  };
}
