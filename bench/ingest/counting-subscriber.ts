import { connect as tcpConnect, type Socket } from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

/** Messages delivered so far and when the first and the last arrived (epoch ms). */
export interface Delivered {
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * The reference's subscriber: one raw MQTT 3.1.1 connection subscribed at QoS 1 (persistent
 * session, as ingest's) that counts what arrives and acknowledges it at once (no processing at all).
 */
export class CountingSubscriber {
  readonly delivered: Delivered = { count: 0, firstAt: 0, lastAt: 0 };
  private socket?: Socket;

  /** `onMessage(topic)` is called for every message, after it is counted. */
  constructor(private readonly onMessage: (topic: string) => void = () => undefined) {}

  /** Resolves once SUBACK grants QoS 1 on `filter`. */
  start(url: string, filter: string): Promise<void> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = tcpConnect({ host: hostname, port: Number(port || 1883) });
      socket.setNoDelay(true);
      this.socket = socket;
      const parser = mqttPacket.parser({ protocolVersion: 4 });
      parser.on('packet', (packet: Packet) => {
        if (packet.cmd === 'connack') {
          if (packet.returnCode !== 0) return reject(new Error(`CONNACK ${packet.returnCode}`));
          socket.write(
            mqttPacket.generate({
              cmd: 'subscribe',
              messageId: 1,
              subscriptions: [{ topic: filter, qos: 1 }],
            }),
          );
        } else if (packet.cmd === 'suback') {
          if (packet.granted[0] !== 1)
            return reject(new Error(`SUBACK granted ${String(packet.granted[0])}`));
          resolve();
        } else if (packet.cmd === 'publish') {
          const now = Date.now();
          if (this.delivered.count++ === 0) this.delivered.firstAt = now;
          this.delivered.lastAt = now;
          this.onMessage(packet.topic);
          if (packet.qos > 0)
            socket.write(mqttPacket.generate({ cmd: 'puback', messageId: packet.messageId }));
        }
      });
      parser.on('error', (error: Error) => socket.destroy(error));
      socket.on('data', (chunk: Buffer) => parser.parse(chunk));
      socket.on('connect', () =>
        socket.write(
          mqttPacket.generate({
            cmd: 'connect',
            protocolId: 'MQTT',
            protocolVersion: 4,
            clean: false,
            clientId: 'bench-counter',
            keepalive: 0,
          }),
        ),
      );
      socket.on('error', reject);
    });
  }

  stop(): void {
    this.socket?.destroy();
  }
}
