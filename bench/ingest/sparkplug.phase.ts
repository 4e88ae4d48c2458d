import mqtt, { type MqttClient } from 'mqtt';
import { encodeSparkplugPayload, type SparkplugMetricInput } from '@hourglass/telemetry-ingest';
import type { InfluxServer } from '@hourglass/testing-services';
import { progress } from '../support/bench-contract';
import { ChildHost } from '../support/child-host';
import { percentile, round } from '../support/stats';
import type { IngestBenchSettings } from './ingest-settings';
import {
  BENCH_TENANT,
  type SparkplugHostParams,
  type SparkplugHostStarted,
} from './sparkplug-host';
import { METRICS, metricValue } from './telemetry-payload';
import { countQueryable } from './queryable-count';

/** Devices per edge node in the Sparkplug phase (the 100 edge nodes of 100 devices). */
export const DEVICES_PER_EDGE = 100;

/** The Sparkplug phase: DDATA by alias from edge nodes, publish to queryable in InfluxDB. */
export interface SparkplugPhaseResult {
  edgeNodes: number;
  devices: number;
  /** DDATA messages in flight per edge node (the JSON run's total in flight, spread over the nodes). */
  windowPerEdge: number;
  published: number;
  acked: number;
  queryable: number;
  /** Acknowledged and queryable DDATA per second, first publish to last point queryable (as the JSON run). */
  msgPerSec: number;
  /** Samples per second (one sample of 8 metrics per DDATA, as one JSON message). */
  samplesPerSec: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  /** Server process CPU over the run, seconds. */
  serverCpuSeconds: number;
  /** The server's ingest counters after the run (rejections and rebirths should be 0). */
  counters: Record<string, number>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `--devices` devices as `--devices`/100 edge nodes of 100 devices each (`spb-edge-001`,
 * `spb-00001`...), in a server process of their own; the edge nodes are MQTT.js clients of this
 * process. Each sends NBIRTH and its DBIRTHs (8 Double metrics with aliases), then DDATA by alias in
 * a closed loop for `--seconds`, with as many messages in flight in all as the JSON run.
 */
export async function runSparkplugPhase(
  settings: IngestBenchSettings,
  influx: InfluxServer,
): Promise<SparkplugPhaseResult> {
  const edgeCount = Math.max(1, Math.ceil(settings.devices / DEVICES_PER_EDGE));
  const edges = Array.from({ length: edgeCount }, (_, e) => ({
    id: `spb-edge-${pad(e + 1, 3)}`,
    devices: Array.from(
      { length: Math.min(DEVICES_PER_EDGE, settings.devices - e * DEVICES_PER_EDGE) },
      (_, d) => `spb-${pad(e * DEVICES_PER_EDGE + d + 1, 5)}`,
    ),
  }));
  const host = ChildHost.start('sparkplug', 'bench/ingest/sparkplug-host.ts');
  const clients: MqttClient[] = [];
  try {
    progress(`sparkplug: provisioning ${edgeCount} edge nodes, ${settings.devices} devices`);
    const params: SparkplugHostParams = {
      influx: { url: influx.url, token: influx.token, org: influx.org, bucket: influx.bucket },
      edges,
      scryptN: settings.scryptN,
    };
    const started = await host.call<SparkplugHostStarted>('start', params);
    progress(`  provisioned in ${(started.provisionMs / 1000).toFixed(1)} s`);
    const window = Math.max(1, Math.round((settings.window * settings.devices) / edgeCount));
    const nodes = await Promise.all(
      edges.map(async (edge, e) => {
        const client = await mqtt.connectAsync(started.url, {
          clientId: edge.id,
          ...started.credentials[e],
          reconnectPeriod: 0,
        });
        clients.push(client);
        return new EdgeNode(client, edge.id, edge.devices);
      }),
    );
    await Promise.all(nodes.map((node) => node.birth()));
    progress(
      `  ${edgeCount} edge nodes born; DDATA for ${settings.seconds} s, ${window} in flight each`,
    );
    // An hour of its own, two hours back: away from the births (stamped now) and the other phases' points.
    const ts0 = Date.now() - 2 * 3_600_000;
    const cpu0 = await host.call<NodeJS.CpuUsage>('cpu');
    const t0 = performance.now();
    const end = t0 + settings.seconds * 1000;
    await Promise.all(nodes.map((n) => n.closedLoop(window, end, ts0)));
    const lastAck = performance.now();
    const acked = nodes.reduce((t, n) => t + n.acked, 0);
    const queryable = await countQueryable(
      influx,
      { devicePrefix: 'spb-', field: 'm1' },
      ts0,
      acked,
      settings.drainMs,
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = await host.call<NodeJS.CpuUsage>('cpu');
    const times = nodes.flatMap((n) => n.ackMs);
    const delivered = Math.min(queryable, acked);
    const result: SparkplugPhaseResult = {
      edgeNodes: edgeCount,
      devices: settings.devices,
      windowPerEdge: window,
      published: nodes.reduce((t, n) => t + n.published, 0),
      acked,
      queryable,
      msgPerSec: round(delivered / seconds, 0) ?? 0,
      samplesPerSec: round(delivered / seconds, 0) ?? 0,
      ackP50Ms: round(percentile(times, 50), 1),
      ackP99Ms: round(percentile(times, 99), 1),
      serverCpuSeconds: round((cpu1.user + cpu1.system - cpu0.user - cpu0.system) / 1e6, 2) ?? 0,
      counters: await host.call<Record<string, number>>('counters'),
    };
    progress(
      `  sparkplug: ${JSON.stringify({ ...result, tailMs: Math.round(performance.now() - lastAck) })}`,
    );
    return result;
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await host.stop();
  }
}

/** One simulated edge node: its births, then DDATA by alias with `seq` counting up mod 256. */
class EdgeNode {
  private seq = 0;
  published = 0;
  acked = 0;
  readonly ackMs: number[] = [];
  private readonly counts: number[];
  private readonly topic: (device: string) => string;

  constructor(
    private readonly client: MqttClient,
    private readonly id: string,
    private readonly devices: readonly string[],
  ) {
    this.counts = new Array<number>(devices.length).fill(0);
    this.topic = (device) => `spBv1.0/${BENCH_TENANT}/DDATA/${id}/${device}`;
  }

  private send(topic: string, metrics: SparkplugMetricInput[], timestamp: number) {
    const payload = encodeSparkplugPayload({ timestamp, seq: this.seq, metrics });
    this.seq = (this.seq + 1) % 256;
    return this.client.publishAsync(topic, payload, { qos: 1 });
  }

  async birth(): Promise<void> {
    const group = `spBv1.0/${BENCH_TENANT}`;
    this.seq = 0;
    const bdSeq = { name: 'bdSeq', type: 'UInt64', value: 0 };
    await this.send(`${group}/NBIRTH/${this.id}`, [bdSeq], Date.now());
    await Promise.all(
      this.devices.map((device, d) =>
        this.send(
          `${group}/DBIRTH/${this.id}/${device}`,
          METRICS.map((name, m) => ({
            name,
            alias: m + 1,
            type: 'Double',
            value: metricValue(d, m, 0),
          })),
          Date.now(),
        ),
      ),
    );
  }

  /** `window` DDATA in flight until `end` (performance.now()), then waits for the last PUBACKs. */
  async closedLoop(window: number, end: number, ts0: number): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (performance.now() < end) {
        const d = next++ % this.devices.length;
        const n = this.counts[d]++;
        const metrics = METRICS.map((_, m) => ({
          alias: m + 1,
          type: 'Double',
          value: metricValue(d, m, n),
        }));
        const sent = performance.now();
        this.published++;
        await this.send(this.topic(this.devices[d]), metrics, ts0 + n);
        this.ackMs.push(performance.now() - sent);
        this.acked++;
      }
    };
    await Promise.all(Array.from({ length: window }, lane));
  }
}
