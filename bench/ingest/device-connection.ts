import { telemetryTopic } from '@hourglass/contracts-wire';
import { connect as tcpConnect, type Socket } from 'node:net';
import mqttPacket, { type Packet } from 'mqtt-packet';

/** Credentials and place of one simulated device. */
export interface DeviceSpec {
  id: string;
  /** Position in the fleet: picks its metric values. */
  index: number;
  username?: string;
  password?: string;
}

/** What a connection reports to its generator. */
export interface ConnectionEvents {
  onAck(connection: DeviceConnection, publishedAt: number, seq: number): void;
  onClose(connection: DeviceConnection): void;
}

/**
 * One device's MQTT 3.1.1 connection, kept lean so that one process carries thousands: CONNECT and
 * the broker's packets go through mqtt-packet, PUBLISH is encoded by hand (QoS 1, §3.3), and a
 * message counts as sent only when its PUBACK arrives (§4.3.2).
 */
export class DeviceConnection {
  seq = 0;
  /** Published, PUBACK not yet received. */
  inflight = 0;
  /** Published, not yet seen by the generator's subscriber (when it runs one). */
  undelivered = 0;
  connected = false;
  private lastTs = 0;
  private nextMessageId = 1;
  private socket?: Socket;
  private readonly topic: Buffer;
  /** Publish time and seq by message id, for the messages in flight. */
  private readonly sentAt = new Map<number, { at: number; seq: number }>();

  constructor(
    readonly spec: DeviceSpec,
    private readonly events: ConnectionEvents,
  ) {
    this.topic = Buffer.from(telemetryTopic(spec.id));
  }

  /** Connects; resolves with null once CONNACK accepts, or with the reason it did not. */
  open(host: string, port: number, timeoutMs: number): Promise<string | null> {
    return new Promise((resolve) => {
      const socket = tcpConnect({ host, port });
      socket.setNoDelay(true);
      this.socket = socket;
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      const finish = (reason: string | null) => {
        clearTimeout(timer);
        if (reason !== null) socket.destroy();
        resolve(reason);
      };
      const parser = mqttPacket.parser({ protocolVersion: 4 });
      parser.on('packet', (packet: Packet) => {
        if (packet.cmd === 'connack') {
          this.connected = packet.returnCode === 0;
          finish(this.connected ? null : `connack ${packet.returnCode}`);
        } else if (packet.cmd === 'puback') {
          this.acked(packet.messageId ?? 0);
        }
      });
      parser.on('error', (error: Error) => socket.destroy(error));
      socket.on('data', (chunk: Buffer) => parser.parse(chunk));
      socket.on('connect', () => socket.write(mqttPacket.generate(this.connectPacket())));
      socket.on('error', () => undefined); // 'close' follows
      socket.on('close', () => {
        const was = this.connected;
        this.connected = false;
        finish('closed');
        if (was) this.events.onClose(this);
      });
    });
  }

  /** Publishes the next message with `payload(index, seq, ts)`; ts is unique per device (ms, increasing). */
  publish(payload: (device: number, seq: number, ts: number) => string, now: number): void {
    if (!this.socket || !this.connected) return;
    const seq = ++this.seq;
    const ts = Math.max(now, this.lastTs + 1);
    this.lastTs = ts;
    const messageId = this.nextMessageId;
    this.nextMessageId = messageId === 0xffff ? 1 : messageId + 1;
    this.sentAt.set(messageId, { at: now, seq });
    this.inflight++;
    this.undelivered++;
    this.socket.write(encodePublish(this.topic, messageId, payload(this.spec.index, seq, ts)));
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      this.connected = false;
      socket.end(mqttPacket.generate({ cmd: 'disconnect' }));
      setTimeout(() => socket.destroy(), 5_000).unref();
    });
  }

  private acked(messageId: number): void {
    const sent = this.sentAt.get(messageId);
    if (!sent) return;
    this.sentAt.delete(messageId);
    this.inflight--;
    this.events.onAck(this, sent.at, sent.seq);
  }

  private connectPacket(): Packet {
    return {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: true,
      clientId: this.spec.id,
      // The longest keep-alive brokers accept (the platform refuses 0 and anything above 300 s):
      // every phase publishes well within 1.5 x 300 s, so no PINGREQs need scheduling.
      keepalive: 300,
      username: this.spec.username,
      password: this.spec.password === undefined ? undefined : Buffer.from(this.spec.password),
    };
  }
}

/** PUBLISH, QoS 1, no DUP or RETAIN (MQTT 3.1.1 §3.3): header 0x32, remaining length, topic, id, payload. */
export function encodePublish(topic: Buffer, messageId: number, payload: string): Buffer {
  const payloadBytes = Buffer.byteLength(payload);
  const remaining = 2 + topic.length + 2 + payloadBytes;
  const lengthBytes = remaining < 0x80 ? 1 : remaining < 0x4000 ? 2 : remaining < 0x200000 ? 3 : 4;
  const packet = Buffer.allocUnsafe(1 + lengthBytes + remaining);
  let offset = 0;
  packet[offset++] = 0x32;
  let rest = remaining;
  do {
    let byte = rest % 0x80;
    rest = Math.floor(rest / 0x80);
    if (rest > 0) byte |= 0x80;
    packet[offset++] = byte;
  } while (rest > 0);
  offset = packet.writeUInt16BE(topic.length, offset);
  offset += topic.copy(packet, offset);
  offset = packet.writeUInt16BE(messageId, offset);
  packet.write(payload, offset, 'utf8');
  return packet;
}
