import type { Duplex } from 'node:stream';

const CONNACK = 0x20;
/** Fixed header (1), remaining length (1), then the acknowledge flags (MQTT 3.1.1 §3.2.2.1). */
const FLAGS_OFFSET = 2;

/**
 * Sets the session-present flag of the CONNACK aedes writes first on `stream` when `present()`
 * says the client's persistent session existed (see SessionPresence). aedes 1.2 decides the flag
 * from stored subscriptions alone and offers no hook, so this follows the first bytes written
 * (mqtt-packet writes a CONNACK in pieces) up to the flags byte, then steps aside.
 */
export function markSessionPresent(stream: Duplex, present: () => boolean): void {
  const write = stream.write as (this: Duplex, ...args: unknown[]) => boolean;
  let offset = 0;
  const patched = function (this: Duplex, chunk: unknown, ...rest: unknown[]): boolean {
    if (!Buffer.isBuffer(chunk) || chunk.length === 0) return write.call(this, chunk, ...rest);
    let out = chunk;
    const at = FLAGS_OFFSET - offset;
    const notConnack = offset === 0 && chunk[0] !== CONNACK;
    if (notConnack || at < chunk.length) stream.write = write as Duplex['write'];
    if (!notConnack && at < chunk.length && chunk[at] === 0 && present()) {
      out = Buffer.from(chunk); // a copy: mqtt-packet writes shared constants
      out[at] = 1;
    }
    offset += chunk.length;
    return write.call(this, out, ...rest);
  };
  stream.write = patched as Duplex['write'];
}
