import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import { openMqttTransport } from './mqtt-transport';

/** Options of the subscriber; every field has a documented default. */
export interface DurableAckSubscriberOptions {
  /** `mqtt://host:port`, `mqtts://` (TLS), `ws://` or `wss://` (MQTT over WebSocket). */
  url: string;
  /** PEM of the CA(s) trusted for `mqtts://` and `wss://` (default: Node's root certificates). */
  ca?: string | Buffer;
  clientId: string;
  username?: string;
  password?: string;
  /** Topic filters, subscribed at QoS 1. */
  filters: readonly string[];
  /** Seconds between PINGREQs (default 30). */
  keepaliveSeconds?: number;
  /** Unacknowledged messages at which the socket is paused (TCP back-pressure, default 20,000). */
  maxUnacked?: number;
  /** Reconnect delay bounds in ms (default 200 .. 5,000, doubling). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

/** A received message; call `ack()` once it is durable (QoS 1 PUBACK, MQTT 3.1.1 §4.3.2). */
export interface ReceivedMessage {
  topic: string;
  payload: Buffer;
  ack: () => void;
}

interface SubscriberEvents {
  message: [ReceivedMessage];
  connected: [];
  disconnected: [Error | undefined];
}

/**
 * A minimal MQTT 3.1.1 subscriber whose PUBACKs are sent by the application, not on receipt.
 * MQTT.js acknowledges a QoS 1 message before its handler's work is done, or else handles one
 * message at a time; ingest needs many messages in flight and each acknowledged only once it is
 * stored. The session is persistent (clean session off), so the broker redelivers whatever was
 * not acknowledged when the connection or the process dies.
 */
export class DurableAckSubscriber extends EventEmitter<SubscriberEvents> {
  private socket?: Duplex;
  private unacked = 0;
  private paused = false;
  private stopped = false;
  private delay: number;
  private pingTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private connection = 0;

  constructor(private readonly options: DurableAckSubscriberOptions) {
    super();
    this.delay = options.reconnectMinMs ?? 200;
  }

  /** Connects and resolves at the first SUBACK; afterwards reconnects by itself until stop(). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onConnected = () => {
        this.off('disconnected', onFirstFailure);
        resolve();
      };
      const onFirstFailure = (error?: Error) => {
        this.off('connected', onConnected);
        reject(error ?? new Error('disconnected before CONNACK'));
      };
      this.once('connected', onConnected);
      this.once('disconnected', onFirstFailure);
      this.open();
    });
  }

  get unackedCount(): number {
    return this.unacked;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pingTimer);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end(mqttPacket.generate({ cmd: 'disconnect' }));
      setTimeout(() => socket.destroy(), 2_000).unref();
    });
  }

  private open(): void {
    const connection = ++this.connection;
    const transport = openMqttTransport(new URL(this.options.url), { ca: this.options.ca });
    const socket = transport.stream;
    this.socket = socket;
    this.unacked = 0;
    this.paused = false;
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: Packet) => this.onPacket(packet, connection));
    parser.on('error', (error: Error) => socket.destroy(error));
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    transport.onOpen(() => this.send(this.connectPacket()));
    let errored: Error | undefined;
    socket.on('error', (error: Error) => void (errored ??= error)); // reported by 'close'
    socket.on('close', (hadError?: boolean) =>
      this.onClose(
        hadError || errored
          ? new Error(`connection failed${errored ? `: ${errored.message}` : ''}`)
          : undefined,
      ),
    );
  }

  private connectPacket(): Packet {
    return {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clean: false,
      clientId: this.options.clientId,
      keepalive: this.options.keepaliveSeconds ?? 30,
      username: this.options.username,
      password:
        this.options.password === undefined ? undefined : Buffer.from(this.options.password),
    };
  }

  private onPacket(packet: Packet, connection: number): void {
    switch (packet.cmd) {
      case 'connack':
        if (packet.returnCode !== 0) {
          this.socket?.destroy(new Error(`CONNACK refused with code ${packet.returnCode}`));
          return;
        }
        this.delay = this.options.reconnectMinMs ?? 200;
        this.send({
          cmd: 'subscribe',
          messageId: 1,
          subscriptions: this.options.filters.map((topic) => ({ topic, qos: 1 as const })),
        });
        this.startPings();
        return;
      case 'suback': {
        // A filter refused (0x80, MQTT 3.1.1 §3.9.3) would leave the subscriber silently idle: stop instead.
        const refused = (packet.granted as unknown[]).findIndex((code) => code === 0x80);
        if (refused >= 0) return this.refused(this.options.filters[refused] ?? '');
        // Ready only once the subscription exists: a fresh session receives nothing before it.
        this.emit('connected');
        return;
      }
      case 'publish':
        this.onPublish(packet, connection);
        return;
      default:
        return; // pingresp: nothing to do
    }
  }

  private onPublish(packet: IPublishPacket, connection: number): void {
    const payload =
      typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    let acked = packet.qos === 0;
    if (!acked) this.trackUnacked(1);
    const ack = () => {
      if (acked) return;
      acked = true;
      // An ack for a previous connection must not go out: the broker will redeliver that message.
      if (connection !== this.connection) return;
      this.trackUnacked(-1);
      this.send({ cmd: 'puback', messageId: packet.messageId });
    };
    this.emit('message', { topic: packet.topic, payload, ack });
  }

  private trackUnacked(delta: number): void {
    this.unacked += delta;
    const limit = this.options.maxUnacked ?? 20_000;
    if (!this.paused && this.unacked >= limit) {
      this.paused = true;
      this.socket?.pause();
    } else if (this.paused && this.unacked < limit / 2) {
      this.paused = false;
      this.socket?.resume();
    }
  }

  private startPings(): void {
    clearInterval(this.pingTimer);
    const every = (this.options.keepaliveSeconds ?? 30) * 500;
    this.pingTimer = setInterval(() => this.send({ cmd: 'pingreq' }), every);
    this.pingTimer.unref();
  }

  private send(packet: Packet): void {
    if (this.socket && !this.socket.destroyed) this.socket.write(mqttPacket.generate(packet));
  }

  private refused(filter: string): void {
    this.stopped = true;
    this.emit(
      'disconnected',
      new Error(`the broker refused the subscription to ${filter} (SUBACK 0x80)`),
    );
    this.socket?.destroy();
  }

  private onClose(error?: Error): void {
    clearInterval(this.pingTimer);
    this.emit('disconnected', error);
    if (this.stopped) return;
    this.reconnectTimer = setTimeout(() => this.open(), this.delay);
    this.delay = Math.min(this.delay * 2, this.options.reconnectMaxMs ?? 5_000);
  }
}
