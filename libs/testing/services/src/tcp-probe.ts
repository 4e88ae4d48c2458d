import { connect } from 'node:net';

/**
 * Connects to 127.0.0.1:`port`, writes `request` and collects the reply until `complete` says it
 * is whole (or the peer closes). Rejects on connection errors and after `timeoutMs`.
 * Used to probe servers without a client library (Redis PING, MQTT CONNECT).
 */
export function tcpExchange(
  port: number,
  request: Buffer | string,
  complete: (reply: Buffer) => boolean,
  timeoutMs = 2_000,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`no reply on port ${port} within ${timeoutMs} ms`)),
    );
    socket.once('error', finish);
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (complete(Buffer.concat(chunks))) finish();
    });
    socket.once('end', () => finish());
  });
}

/** A minimal MQTT 3.1.1 CONNECT (clean session, no credentials) for readiness probes. */
export function mqttConnectPacket(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const variableHeader = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x00]);
  const payload = Buffer.concat([Buffer.from([id.length >> 8, id.length & 0xff]), id]);
  const remaining = variableHeader.length + payload.length; // < 128, so one length byte
  return Buffer.concat([Buffer.from([0x10, remaining]), variableHeader, payload]);
}

/** True when `reply` starts with an MQTT CONNACK, whatever its return code. */
export function isConnack(reply: Buffer): boolean {
  return reply.length >= 4 && reply[0] === 0x20 && reply[1] === 0x02;
}
