import type { Duplex } from 'node:stream';

const PUBLISH = 3;
const PUBREL = 6;

/** Where one outgoing QoS 1/2 message stands: what the broker last sent for its packet id. */
type FlowStage = 'qos1-sent' | 'qos2-sent' | 'pubrel-sent';

/** Acknowledgements each stage accepts (MQTT 3.1.1 §4.3; a PUBREC repeated after PUBREL is answered again). */
const ACCEPTED: Readonly<Record<FlowStage, readonly string[]>> = {
  'qos1-sent': ['puback'],
  'qos2-sent': ['pubrec'],
  'pubrel-sent': ['pubrec', 'pubcomp'],
};

const enum Stage {
  Header,
  Length,
  Head,
  Skip,
}

/** Lets `observe` see every chunk written to `stream`, before it is written. */
export function observeWrites(stream: Duplex, observe: (chunk: Uint8Array) => void): void {
  const write = stream.write as (this: Duplex, ...args: unknown[]) => boolean;
  stream.write = function (this: Duplex, chunk: unknown, ...rest: unknown[]): boolean {
    // mqtt-packet writes a PUBLISH's topic as a string.
    if (typeof chunk === 'string')
      observe(
        Buffer.from(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8'),
      );
    else if (chunk instanceof Uint8Array) observe(chunk);
    return write.call(this, chunk, ...rest);
  } as Duplex['write'];
}

/**
 * The QoS 1/2 flows a broker has in flight towards one client, learnt by following the bytes it
 * writes (aedes keeps this state only for persistent sessions, and not where a check can read it).
 * It reads a packet's fixed header and, for PUBLISH and PUBREL, the variable header up to the packet
 * id; payloads are skipped, never copied.
 */
export class OutboundFlows {
  private readonly flows = new Map<number, FlowStage>();
  private stage = Stage.Header;
  private type = 0;
  private qos = 0;
  private left = 0;
  private multiplier = 1;
  /** Variable-header bytes read of the current packet, the first two of them, the last two. */
  private read = 0;
  private topicLength = 0;
  private last = 0;
  private need = 0;

  /** Follows bytes the broker wrote to the client. */
  written(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.stage === Stage.Skip) {
        const n = Math.min(this.left, chunk.length - i);
        i += n;
        this.left -= n;
        if (this.left === 0) this.stage = Stage.Header;
        continue;
      }
      this.byte(chunk[i++]);
    }
  }

  /**
   * Why an acknowledgement of kind `cmd` for `messageId` contradicts the flow in flight (a PUBREC
   * for a QoS 1 message, ...), or null. Ids with no flow are left to aedes.
   */
  problem(cmd: string, messageId: number): string | null {
    const stage = this.flows.get(messageId);
    if (!stage) return null;
    if (!ACCEPTED[stage].includes(cmd)) return `${cmd} for packet id ${messageId} at ${stage}`;
    if (cmd === 'puback' || cmd === 'pubcomp') this.flows.delete(messageId);
    return null;
  }

  private byte(b: number): void {
    if (this.stage === Stage.Header) {
      this.type = b >> 4;
      this.qos = (b >> 1) & 3;
      this.left = 0;
      this.multiplier = 1;
      this.stage = Stage.Length;
      return;
    }
    if (this.stage === Stage.Length) {
      this.left += (b & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      if (b & 0x80) return;
      this.read = 0;
      this.topicLength = 0;
      const tracked = (this.type === PUBLISH && this.qos > 0) || this.type === PUBREL;
      this.need = this.type === PUBREL ? 2 : 0;
      if (this.left === 0) this.stage = Stage.Header;
      else this.stage = tracked ? Stage.Head : Stage.Skip;
      return;
    }
    this.read++;
    this.left--;
    if (this.type === PUBLISH && this.read <= 2) this.topicLength = (this.topicLength << 8) | b;
    if (this.type === PUBLISH && this.read === 2) this.need = 2 + (this.topicLength & 0xffff) + 2;
    if (this.need > 0 && this.read === this.need) this.record((this.last << 8) | b);
    this.last = b;
    if (this.left === 0) this.stage = Stage.Header;
    else if (this.need > 0 && this.read >= this.need) this.stage = Stage.Skip;
  }

  private record(id: number): void {
    if (this.type === PUBREL) this.flows.set(id, 'pubrel-sent');
    else this.flows.set(id, this.qos === 1 ? 'qos1-sent' : 'qos2-sent');
  }
}
