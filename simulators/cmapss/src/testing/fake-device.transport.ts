import { DeviceTransport, TransportPublishOptions } from '../device-transport';

/** One publish recorded by {@link FakeDeviceTransport}. */
export interface RecordedPublish {
  topic: string;
  payload: string;
  options: TransportPublishOptions;
}

/**
 * An in-memory {@link DeviceTransport}: records publishes, acknowledges them at once or when the
 * test says so, and lets the test deliver commands and drop the connection.
 */
export class FakeDeviceTransport implements DeviceTransport {
  connected = true;
  closed = false;
  /** When false, publishes stay pending until {@link ackAll}. */
  autoAck = true;
  readonly published: RecordedPublish[] = [];
  private readonly handlers = new Map<string, (payload: Buffer) => void>();
  private pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  publish(topic: string, payload: string, options: TransportPublishOptions): Promise<void> {
    this.published.push({ topic, payload, options });
    if (this.autoAck) return Promise.resolve();
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  async subscribe(topic: string, onMessage: (payload: Buffer) => void): Promise<void> {
    this.handlers.set(topic, onMessage);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.connected = false;
  }

  get subscriptions(): string[] {
    return [...this.handlers.keys()];
  }

  /** Delivers a message as if the broker had sent it. */
  deliver(topic: string, payload: string): void {
    const handler = this.handlers.get(topic);
    if (!handler) throw new Error(`not subscribed to ${topic}`);
    handler(Buffer.from(payload));
  }

  ackAll(): void {
    const pending = this.pending;
    this.pending = [];
    pending.forEach((p) => p.resolve());
  }

  failAll(error = new Error('connection closed')): void {
    const pending = this.pending;
    this.pending = [];
    pending.forEach((p) => p.reject(error));
  }

  /** Parsed payloads published on `topic`. */
  messagesOn(topic: string): Record<string, unknown>[] {
    return this.published.filter((p) => p.topic === topic).map((p) => JSON.parse(p.payload));
  }
}
