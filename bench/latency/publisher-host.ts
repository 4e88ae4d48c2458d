// The latency bench's devices, in a process of their own: one lean MQTT connection per device
// (bench/ingest/device-connection.ts), each publishing a C-MAPSS-shaped QoS 1 message (`cycle` =
// seq, so scoring ages the unit) once per interval, the fleet spread evenly over the interval.
// node tools/run.js bench/latency/publisher-host.ts
import { serveCalls } from '../support/child-host';
import { DeviceConnection } from '../ingest/device-connection';
import { METRICS, metricValue } from '../ingest/telemetry-payload';
import type {
  PublishParams,
  PublishStats,
  PublisherInit,
  SampledMessage,
} from './latency-protocol';

/** `{"ts", "seq", "metrics": {cycle, m1..m8}}`: the age scoring needs, and eight float readings. */
function cycleJson(device: number, seq: number, ts: number): string {
  let metrics = `"cycle":${seq}`;
  for (let m = 0; m < METRICS.length; m++)
    metrics += `,"${METRICS[m]}":${metricValue(device, m, seq)}`;
  return `{"ts":${ts},"seq":${seq},"metrics":{${metrics}}}`;
}

class Publisher {
  private connections: DeviceConnection[] = [];
  private sampled = new Set<string>();
  private url = new URL('mqtt://127.0.0.1:1883');
  /** Sampled messages by device and seq, until acknowledged. */
  private readonly pending = new Map<string, SampledMessage>();
  private stats?: PublishStats;

  init(params: PublisherInit): number {
    this.url = new URL(params.url);
    this.sampled = new Set(params.sampled);
    this.connections = params.devices.map((spec) => new DeviceConnection(spec, this));
    return this.connections.length;
  }

  async connect(concurrency: number): Promise<{ connected: number; failed: number }> {
    let next = 0;
    let connected = 0;
    const worker = async () => {
      while (next < this.connections.length) {
        const c = this.connections[next++];
        if ((await c.open(this.url.hostname, Number(this.url.port), 60_000)) === null) connected++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { connected, failed: this.connections.length - connected };
  }

  async run(params: PublishParams): Promise<PublishStats> {
    const startedAt = Date.now();
    const stats: PublishStats = {
      ...{ published: 0, acked: 0, behind: 0, disconnects: 0, startedAt, endedAt: startedAt },
      samples: [],
    };
    this.stats = stats;
    const quiet = new Set(params.quiet);
    const n = this.connections.length;
    const rate = (n * 1000) / params.intervalMs;
    const deadline = startedAt + params.seconds * 1000;
    let due = 0;
    for (let now = Date.now(); now < deadline; now = Date.now()) {
      const target = Math.floor((rate * (now - startedAt)) / 1000);
      const quietNow = now - startedAt >= params.quietAfterMs;
      for (; due < target; due++) {
        const c = this.connections[due % n];
        if (!c.connected || (quietNow && quiet.has(c.spec.id))) continue;
        if (c.inflight > 0) stats.behind++;
        else this.publish(c, now);
      }
      await sleep(5);
    }
    stats.endedAt = Date.now();
    const drainUntil = Date.now() + params.drainMs;
    while (stats.acked < stats.published && Date.now() < drainUntil) await sleep(20);
    stats.samples.push(...this.pending.values());
    this.pending.clear();
    this.stats = undefined;
    return stats;
  }

  onAck(connection: DeviceConnection, _publishedAt: number, seq: number): void {
    if (!this.stats) return;
    this.stats.acked++;
    const key = `${connection.spec.id}/${seq}`;
    const sample = this.pending.get(key);
    if (!sample) return;
    this.pending.delete(key);
    sample[4] = Date.now();
    this.stats.samples.push(sample);
  }

  onClose(): void {
    if (this.stats) this.stats.disconnects++;
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
  }

  private publish(c: DeviceConnection, now: number): void {
    const stats = this.stats as PublishStats;
    stats.published++;
    const sampled = this.sampled.has(c.spec.id);
    c.publish((device, seq, ts) => {
      if (sampled) this.pending.set(`${c.spec.id}/${seq}`, [c.spec.id, seq, ts, now, null]);
      return cycleJson(device, seq, ts);
    }, now);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const publisher = new Publisher();
serveCalls({
  init: (params: PublisherInit) => publisher.init(params),
  connect: (params: { concurrency: number }) => publisher.connect(params.concurrency),
  run: (params: PublishParams) => publisher.run(params),
  cpu: () => process.cpuUsage(),
  stop: () => publisher.close(),
});
