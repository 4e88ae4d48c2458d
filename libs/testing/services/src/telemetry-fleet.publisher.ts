import { telemetryTopic } from '@hourglass/contracts-wire';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';

/** Options of {@link TelemetryFleetPublisher}. */
export interface TelemetryFleetOptions {
  /** Broker, `mqtt://host:port`. */
  url: string;
  /** Device ids are `<prefix><n>`, n from 0. */
  prefix: string;
  devices: number;
  /** Messages per second per device. */
  ratePerDevice: number;
  /** Each device stops after this many messages (default: until stop()). */
  messagesPerDevice?: number;
  /** MQTT username and password of a device (default: none, for an anonymous broker). */
  credentials?: (deviceId: string) => { username: string; password: string };
  /** Delay between reconnect attempts (ms, default 1,000). */
  reconnectPeriodMs?: number;
  /**
   * A publish that fails (MQTT.js fails the messages in flight with "Connection closed" when a
   * connection drops) is published again once the device has reconnected, instead of counting as
   * an error: devices re-sending what was not acknowledged (default false).
   */
  resendOnError?: boolean;
  /** Devices connecting at once (default: all). */
  connectConcurrency?: number;
}

/**
 * Simulated devices for the fault tests: one MQTT connection per device, each publishing
 * `devices/<id>/telemetry` at QoS 1 with `seq` 0, 1, 2, ... and a strictly increasing `ts`, so
 * every message is a distinct point (device, ts). A message counts as published once the broker
 * acknowledged it (PUBACK), the broker's promise to deliver it.
 */
export class TelemetryFleetPublisher {
  /** Failed publishes (a test expects none). */
  readonly errors: Error[] = [];
  private readonly acked = new Map<string, Set<number>>();
  private readonly waiters = new Map<string, () => void>();
  private resent = 0;
  private readonly next = new Map<string, number>();
  private readonly lastTs = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private reconnected = 0;

  private constructor(
    private readonly options: TelemetryFleetOptions,
    private readonly clients: ReadonlyMap<string, MqttClient>,
  ) {
    for (const [id, client] of clients) {
      this.acked.set(id, new Set());
      this.next.set(id, 0);
      client.on('reconnect', () => this.reconnected++);
    }
  }

  /**
   * Connects every device (clean sessions, client id = device id). A device that loses its
   * connection reconnects; with `resendOnError` it publishes again what the broker had not
   * acknowledged, so a message counts once acknowledged, whichever connection carried it.
   */
  static async connect(options: TelemetryFleetOptions): Promise<TelemetryFleetPublisher> {
    const ids = Array.from({ length: options.devices }, (_, n) => `${options.prefix}${n}`);
    const clients: MqttClient[] = [];
    const batch = options.connectConcurrency ?? ids.length;
    for (let i = 0; i < ids.length; i += batch) {
      clients.push(
        ...(await Promise.all(
          ids
            .slice(i, i + batch)
            .map((clientId) => connectAsync(options.url, clientOptions(options, clientId))),
        )),
      );
    }
    return new TelemetryFleetPublisher(options, new Map(ids.map((id, i) => [id, clients[i]])));
  }

  /** Failed publishes published again (`resendOnError`). */
  get resends(): number {
    return this.resent;
  }

  /** Reconnects since the fleet connected, all devices. */
  get reconnects(): number {
    return this.reconnected;
  }

  /** Starts publishing: every 1/rate s one message per device. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1_000 / this.options.ratePerDevice);
  }

  /** Stops publishing and resolves once every message sent so far is acknowledged by the broker. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.inFlight);
  }

  /** True once each device has published `messagesPerDevice` messages (acknowledged). */
  get finished(): boolean {
    const limit = this.options.messagesPerDevice;
    return limit !== undefined && [...this.acked.values()].every((seqs) => seqs.size >= limit);
  }

  /** Messages acknowledged by the broker, per device id. */
  get published(): ReadonlyMap<string, number> {
    return new Map([...this.acked].map(([id, seqs]) => [id, seqs.size]));
  }

  /** Messages acknowledged by the broker, all devices. */
  get total(): number {
    let sum = 0;
    for (const seqs of this.acked.values()) sum += seqs.size;
    return sum;
  }

  /** Messages handed to the clients but not yet acknowledged by the broker. */
  get pending(): number {
    return this.inFlight.size;
  }

  async close(): Promise<void> {
    await this.stop();
    await Promise.all([...this.clients.values()].map((client) => client.endAsync()));
  }

  /** Closes every connection at once, without waiting for anything in flight (the fault's gone too). */
  async abandon(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all([...this.clients.values()].map((client) => client.endAsync(true)));
  }

  private tick(): void {
    const limit = this.options.messagesPerDevice ?? Number.POSITIVE_INFINITY;
    for (const [id, client] of this.clients) {
      const seq = this.next.get(id) ?? 0;
      if (seq >= limit) continue;
      this.next.set(id, seq + 1);
      const ts = Math.max(Date.now(), (this.lastTs.get(id) ?? 0) + 1);
      this.lastTs.set(id, ts);
      const payload = JSON.stringify({ ts, seq, metrics: { t: 20 + (seq % 50) / 10, p: seq % 7 } });
      const sent = new Promise<void>((resolve) =>
        this.waiters.set(`${id} ${seq}`, resolve),
      ).finally(() => this.inFlight.delete(sent));
      this.send(client, id, seq, payload);
      this.inFlight.add(sent);
    }
  }

  private send(client: MqttClient, id: string, seq: number, payload: string): void {
    client.publishAsync(telemetryTopic(id), payload, { qos: 1 }).then(
      () => this.ack(id, seq),
      (error: Error) => {
        if (this.options.resendOnError) {
          this.resent++;
          if (client.connected) this.send(client, id, seq, payload);
          else client.once('connect', () => this.send(client, id, seq, payload));
          return;
        }
        this.errors.push(error);
        this.waiters.get(`${id} ${seq}`)?.();
      },
    );
  }

  private ack(id: string, seq: number): void {
    this.acked.get(id)?.add(seq);
    const key = `${id} ${seq}`;
    this.waiters.get(key)?.();
    this.waiters.delete(key);
  }
}

function clientOptions(options: TelemetryFleetOptions, clientId: string): IClientOptions {
  return {
    clientId,
    ...options.credentials?.(clientId),
    reconnectPeriod: options.reconnectPeriodMs ?? 1_000,
  };
}
