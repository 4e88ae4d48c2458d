// A load-generator worker: node tools/run.js bench/load-generator.ts, driven over IPC by
// bench/ingest/generator-fleet.ts. One process carries thousands of device connections.
import { serveCalls } from './support/child-host';
import { LatencyHistogram } from './support/stats';
import { CountingSubscriber } from './ingest/counting-subscriber';
import { DeviceConnection } from './ingest/device-connection';
import type {
  ConnectResult,
  GeneratorInit,
  RunParams,
  RunStats,
} from './ingest/generator-protocol';
import { telemetryJson } from './ingest/telemetry-payload';

const TOPIC = /^devices\/([^/]+)\/telemetry$/;

class LoadGenerator {
  private connections: DeviceConnection[] = [];
  private byId = new Map<string, DeviceConnection>();
  private sampled = new Set<string>();
  private url = new URL('mqtt://127.0.0.1:1883');
  private subscriber?: CountingSubscriber;
  private phase?: {
    params: RunParams;
    deadline: number;
    stats: RunStats;
    histogram: LatencyHistogram;
  };

  async init(params: GeneratorInit): Promise<number> {
    this.url = new URL(params.url);
    this.sampled = new Set(params.sampled);
    this.connections = params.devices.map((spec) => new DeviceConnection(spec, this));
    this.byId = new Map(this.connections.map((c) => [c.spec.id, c]));
    if (params.subscriber) {
      this.subscriber = new CountingSubscriber((topic) => this.onDelivered(topic));
      await this.subscriber.start(params.url, params.subscriber.filter);
    }
    return this.connections.length;
  }

  async connect(params: { concurrency: number; timeoutMs: number }): Promise<ConnectResult> {
    const result: ConnectResult = { connected: 0, failed: {} };
    const host = this.url.hostname;
    const port = Number(this.url.port || 1883);
    let next = 0;
    const worker = async () => {
      while (next < this.connections.length) {
        const failure = await this.connections[next++].open(host, port, params.timeoutMs);
        if (failure === null) result.connected++;
        else result.failed[failure] = (result.failed[failure] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: params.concurrency }, worker));
    return result;
  }

  async run(params: RunParams): Promise<RunStats> {
    const start = Date.now();
    const stats: RunStats = {
      ...{ published: 0, acked: 0, firstPublishAt: start, lastPublishAt: start, lastAckAt: start },
      ...{
        delivered: 0,
        lastDeliveredAt: start,
        behind: 0,
        disconnects: 0,
        ackHistogram: [],
        samples: [],
      },
    };
    const phase = {
      params,
      deadline: start + params.seconds * 1000,
      stats,
      histogram: new LatencyHistogram(),
    };
    this.phase = phase;
    if (params.mode === 'closed') {
      for (const c of this.connections) for (let i = 0; i < params.window; i++) this.send(c, start);
      await sleep(params.seconds * 1000);
    } else {
      await this.openLoop(params, start, phase.deadline);
    }
    const drainUntil = Date.now() + params.drainMs;
    const drained = () =>
      stats.acked >= stats.published && (!this.subscriber || stats.delivered >= stats.published);
    while (!drained() && Date.now() < drainUntil && this.connections.some((c) => c.connected))
      await sleep(20);
    this.phase = undefined;
    stats.ackHistogram = phase.histogram.counts;
    return stats;
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
    this.subscriber?.stop();
  }

  onAck(connection: DeviceConnection, publishedAt: number, seq: number): void {
    const phase = this.phase;
    if (!phase) return;
    const now = Date.now();
    phase.stats.acked++;
    phase.stats.lastAckAt = now;
    phase.histogram.observe(now - publishedAt);
    if (this.sampled.has(connection.spec.id))
      phase.stats.samples.push([connection.spec.id, seq, publishedAt]);
    if (!this.subscriber && phase.params.mode === 'closed' && now < phase.deadline)
      this.send(connection, now);
  }

  /** The subscriber received a message: with a subscriber, that frees the device's window slot. */
  private onDelivered(topic: string): void {
    const connection = this.byId.get(TOPIC.exec(topic)?.[1] ?? '');
    if (connection) connection.undelivered--;
    const phase = this.phase;
    if (!phase) return;
    const now = Date.now();
    phase.stats.delivered++;
    phase.stats.lastDeliveredAt = now;
    if (connection && phase.params.mode === 'closed' && now < phase.deadline)
      this.send(connection, now);
  }

  onClose(): void {
    if (this.phase) this.phase.stats.disconnects++;
  }

  private send(connection: DeviceConnection, now: number): void {
    if (!connection.connected) return;
    connection.publish(telemetryJson, now);
    const stats = this.phase?.stats;
    if (!stats) return;
    if (stats.published++ === 0) stats.firstPublishAt = now;
    stats.lastPublishAt = now;
  }

  /** Every 5 ms, publishes what the target rate makes due, round robin over the devices. */
  private async openLoop(params: RunParams, start: number, deadline: number): Promise<void> {
    let cursor = 0;
    let due = 0;
    const n = this.connections.length;
    for (let now = Date.now(); now < deadline; now = Date.now()) {
      const target = Math.floor((params.rate * (now - start)) / 1000);
      for (let visited = 0; due < target && visited < n; visited++) {
        const connection = this.connections[cursor];
        cursor = (cursor + 1) % n;
        const pending = this.subscriber ? connection.undelivered : connection.inflight;
        if (connection.connected && pending < params.window) {
          this.send(connection, now);
          due++;
        }
      }
      if (due < target && this.phase) {
        this.phase.stats.behind += target - due;
        due = target;
      }
      await sleep(5);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const generator = new LoadGenerator();
serveCalls({
  init: (params: GeneratorInit) => generator.init(params),
  connect: (params: { concurrency: number; timeoutMs: number }) => generator.connect(params),
  run: (params: RunParams) => generator.run(params),
  cpu: () => process.cpuUsage(),
  stop: () => generator.close(),
});
