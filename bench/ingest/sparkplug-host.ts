// The Sparkplug phase's server in a process of its own: the embedded broker with the in-process
// ingest, as `npm start` runs them, on InfluxDB; edge nodes registered in tenant `bench` (their group).
// node tools/run.js bench/ingest/sparkplug-host.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  brokerSparkplugPublisher,
  createInProcessIngest,
  openRuntimeContext,
  startBroker,
  type RunningIngest,
  type RuntimeContext,
} from '@hourglass/runtime-services';
import { progress } from '../support/bench-contract';
import { serveCalls } from '../support/child-host';

export interface SparkplugHostParams {
  influx: { url: string; token: string; org: string; bucket: string };
  /** Edge node ids (registered with credentials) and, per edge node, its device ids. */
  edges: Array<{ id: string; devices: string[] }>;
  scryptN: number;
}

export interface SparkplugHostStarted {
  url: string;
  credentials: Array<{ username: string; password: string }>;
  provisionMs: number;
}

export const BENCH_TENANT = 'bench';

let ctx: RuntimeContext | undefined;
let ingest: RunningIngest | undefined;
let broker: BrokerServer | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-spb-'));

async function start(params: SparkplugHostParams): Promise<SparkplugHostStarted> {
  const config = loadPlatformConfig({
    HG_INFLUX_URL: params.influx.url,
    HG_INFLUX_TOKEN: params.influx.token,
    HG_INFLUX_ORG: params.influx.org,
    HG_INFLUX_BUCKET: params.influx.bucket,
    HG_DATA_DIR: dataDir,
    HG_MQTT_PORT: '0',
    HG_SIMULATOR: 'off',
    // One edge node publishes for its 100 devices: the per-connection quota of one device would throttle it.
    HG_MQTT_PUBLISH_RATE: '1000000',
    HG_MQTT_PUBLISH_BURST: '1000000',
    ...Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key.startsWith('HG_INGEST_')),
    ),
  });
  const context = await openRuntimeContext(config, (line) => progress(`  sparkplug host: ${line}`));
  ctx = context;
  const t0 = Date.now();
  const repository = new DeviceRepository(context.db);
  const hasher = new PasswordHasher({ N: params.scryptN });
  const registry = new DeviceRegistryService(repository, hasher);
  const credentials = [];
  // Sparkplug devices never connect: one hash for all of them instead of one scrypt each.
  const unused = hasher.hashSecret(PasswordHasher.generatePassword());
  for (const edge of params.edges) {
    const provisioned = await registry.provision(PROVIDER_SCOPE, {
      id: edge.id,
      type: 'bench-gateway',
      tenantId: BENCH_TENANT,
    });
    credentials.push(provisioned.credentials);
    for (const id of edge.devices)
      await repository.insert({
        id,
        tenantId: BENCH_TENANT,
        type: 'bench-pump',
        passwordHash: unused,
      });
  }
  const provisionMs = Date.now() - t0;
  const inProcess = await createInProcessIngest(context);
  ingest = inProcess;
  broker = await startBroker(context, 0, inProcess.beforeAck);
  inProcess.sparkplug.attach(brokerSparkplugPublisher(broker));
  return { url: broker.url, credentials, provisionMs };
}

/** Counter totals by reason (the bench expects no rejection and no rebirth). */
async function counters(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of [
    'hg_ingest_messages_total',
    'hg_ingest_samples_written_total',
    'hg_ingest_rejected_total',
    'hg_ingest_sparkplug_rebirths_total',
  ]) {
    const values = (await ctx?.metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
    out[name] = values.reduce((total, v) => total + v.value, 0);
  }
  return out;
}

serveCalls({
  start: (params: SparkplugHostParams) => start(params),
  cpu: () => process.cpuUsage(),
  counters: () => counters(),
  stop: async () => {
    await broker?.close();
    await ingest?.stop();
    await ctx?.telemetry.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
