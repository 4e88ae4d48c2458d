import { telemetryTopic } from '@hourglass/contracts-wire';
import { connectAsync, type MqttClient } from 'mqtt';

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
  private readonly acked = new Map<string, number>();
  private readonly next = new Map<string, number>();
  private readonly lastTs = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;

  private constructor(
    private readonly options: TelemetryFleetOptions,
    private readonly clients: ReadonlyMap<string, MqttClient>,
  ) {
    for (const id of clients.keys()) {
      this.acked.set(id, 0);
      this.next.set(id, 0);
    }
  }

  /** Connects every device (clean sessions, client id = device id). */
  static async connect(options: TelemetryFleetOptions): Promise<TelemetryFleetPublisher> {
    const ids = Array.from({ length: options.devices }, (_, n) => `${options.prefix}${n}`);
    const clients = await Promise.all(
      ids.map((clientId) => connectAsync(options.url, { clientId, reconnectPeriod: 1_000 })),
    );
    return new TelemetryFleetPublisher(options, new Map(ids.map((id, i) => [id, clients[i]])));
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
    return limit !== undefined && [...this.acked.values()].every((n) => n >= limit);
  }

  /** Messages acknowledged by the broker, per device id. */
  get published(): ReadonlyMap<string, number> {
    return this.acked;
  }

  /** Messages acknowledged by the broker, all devices. */
  get total(): number {
    let sum = 0;
    for (const n of this.acked.values()) sum += n;
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

  private tick(): void {
    const limit = this.options.messagesPerDevice ?? Number.POSITIVE_INFINITY;
    for (const [id, client] of this.clients) {
      const seq = this.next.get(id) ?? 0;
      if (seq >= limit) continue;
      this.next.set(id, seq + 1);
      const ts = Math.max(Date.now(), (this.lastTs.get(id) ?? 0) + 1);
      this.lastTs.set(id, ts);
      const payload = JSON.stringify({ ts, seq, metrics: { t: 20 + (seq % 50) / 10, p: seq % 7 } });
      const sent: Promise<void> = client
        .publishAsync(telemetryTopic(id), payload, { qos: 1 })
        .then(
          () => void this.acked.set(id, (this.acked.get(id) ?? 0) + 1),
          (error: Error) => void this.errors.push(error),
        )
        .finally(() => this.inFlight.delete(sent));
      this.inFlight.add(sent);
    }
  }
}
