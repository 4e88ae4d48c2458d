// "Ours" in the ingest bench, in a process of its own: the platform's broker and ingest as
// `npm start` composes them, on InfluxDB. node tools/run.js bench/ingest/platform-host.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PerformanceObserver,
  constants as perfConstants,
  monitorEventLoopDelay,
} from 'node:perf_hooks';
import type { Counter, Histogram } from 'prom-client';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  createInProcessIngest,
  openRuntimeContext,
  startBroker,
  startIngest,
  type RunningIngest,
  type RuntimeContext,
} from '@hourglass/runtime-services';
import { progress } from '../support/bench-contract';
import { serveCalls } from '../support/child-host';
import { countProgress } from '../support/phase-progress';
import { profilerCalls } from '../support/cpu-profile';
import type { DeviceSpec } from './device-connection';
import { processMemory } from './process-memory';
import { deviceIds } from './telemetry-payload';

export interface PlatformHostParams {
  influx: { url: string; token: string; org: string; bucket: string };
  devices: number;
  /** scrypt cost of the provisioned credentials (the platform's default is 16384). */
  scryptN: number;
  provisionConcurrency: number;
  /**
   * in-process: ingest inside the broker, PUBACK to the device once durable (as `npm start` runs);
   * subscriber: ingest as the broker's MQTT subscriber (as the standalone broker and ingest apps).
   */
  ingest: 'in-process' | 'subscriber';
}

export interface PlatformHostStarted {
  url: string;
  devices: DeviceSpec[];
  provisionMs: number;
  /** Every HG_INGEST_* setting in effect (defaults included), as the platform's config resolved it. */
  ingestConfig: Record<string, unknown>;
}

/** The ingest counters, read from the process's metrics registry. */
export interface IngestCounters {
  messages: number;
  samplesWritten: number;
  retries: number;
  spooled: number;
  unacked: number;
  batches: number;
  batchWriteSeconds: number;
}

let ctx: RuntimeContext | undefined;
let broker: BrokerServer | undefined;
let ingest: RunningIngest | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-ingest-'));
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

// Garbage-collection pauses by kind (scavenge = young generation, mark-compact = full heap).
const GC_KINDS: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'markCompact',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakCallbacks',
};
let gcPauses: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const detail = (entry as unknown as { detail?: { kind?: number } }).detail;
    const kind = GC_KINDS[detail?.kind ?? -1] ?? 'other';
    const g = (gcPauses[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    g.count++;
    g.totalMs += entry.duration;
    g.maxMs = Math.max(g.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

/** Event-loop delay since the last call, ms: how long ready work waited for the loop; and the GC pauses behind it. */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  gcPauses: Record<string, { count: number; totalMs: number; maxMs: number }>;
}

function takeLoopDelay(): LoopDelay {
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const delay = {
    p50Ms: ms(loopDelay.percentile(50)),
    p99Ms: ms(loopDelay.percentile(99)),
    maxMs: ms(loopDelay.max),
    gcPauses: Object.fromEntries(
      Object.entries(gcPauses).map(([k, g]) => [
        k,
        { count: g.count, totalMs: Math.round(g.totalMs), maxMs: Math.round(g.maxMs * 10) / 10 },
      ]),
    ),
  };
  loopDelay.reset();
  gcPauses = {};
  return delay;
}

async function start(params: PlatformHostParams): Promise<PlatformHostStarted> {
  const config = loadPlatformConfig({
    HG_INFLUX_URL: params.influx.url,
    HG_INFLUX_TOKEN: params.influx.token,
    HG_INFLUX_ORG: params.influx.org,
    HG_INFLUX_BUCKET: params.influx.bucket,
    HG_DATA_DIR: dataDir,
    HG_MQTT_PORT: '0',
    HG_SIMULATOR: 'off',
    // Write-path settings may be varied from the bench's environment (HG_INGEST_BATCH_SIZE, ...).
    ...Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key.startsWith('HG_INGEST_')),
    ),
  });
  const context = await openRuntimeContext(config, (line) => progress(`  platform: ${line}`));
  ctx = context;
  const t0 = Date.now();
  const devices = await provision(context, params);
  const provisionMs = Date.now() - t0;
  if (params.ingest === 'in-process') {
    const inProcess = await createInProcessIngest(context);
    ingest = inProcess;
    broker = await startBroker(context, 0, inProcess.beforeAck);
  } else {
    broker = await startBroker(context, 0);
    ingest = await startIngest(context, broker.url);
  }
  const ingestConfig = Object.fromEntries(
    Object.entries(config).filter(([key]) => key.startsWith('HG_INGEST_')),
  );
  return { url: broker.url, devices, provisionMs, ingestConfig };
}

/** Provisions the fleet through the registry, `concurrency` at a time. */
async function provision(
  context: RuntimeContext,
  params: PlatformHostParams,
): Promise<DeviceSpec[]> {
  const registry = new DeviceRegistryService(
    new DeviceRepository(context.db),
    new PasswordHasher({ N: params.scryptN }),
  );
  const ids = deviceIds(params.devices);
  const devices: DeviceSpec[] = new Array(ids.length);
  const provisioned = countProgress('provisioning devices', ids.length, 'devices');
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const device = await registry.provision(PROVIDER_SCOPE, {
        id: ids[index],
        type: 'bench-pump',
      });
      devices[index] = {
        id: device.id,
        index,
        username: device.credentials.username,
        password: device.credentials.password,
      };
      provisioned.update(++done);
    }
  };
  await Promise.all(Array.from({ length: params.provisionConcurrency }, worker));
  return devices;
}

async function counters(): Promise<IngestCounters> {
  const registry = ctx?.metrics.registry;
  const value = async (name: string) => {
    const metric = registry?.getSingleMetric(name) as Counter | undefined;
    return (await metric?.get())?.values.reduce((total, v) => total + v.value, 0) ?? 0;
  };
  const histogram =
    (
      await (
        registry?.getSingleMetric('hg_ingest_batch_write_seconds') as Histogram | undefined
      )?.get()
    )?.values ?? [];
  return {
    messages: await value('hg_ingest_messages_total'),
    samplesWritten: await value('hg_ingest_samples_written_total'),
    retries: await value('hg_ingest_write_retries_total'),
    spooled: await value('hg_ingest_spooled_samples_total'),
    unacked: ingest?.subscriber?.unackedCount ?? 0,
    batches: histogram.find((v) => v.metricName?.endsWith('_count'))?.value ?? 0,
    batchWriteSeconds: histogram.find((v) => v.metricName?.endsWith('_sum'))?.value ?? 0,
  };
}

serveCalls({
  start: (params: PlatformHostParams) => start(params),
  memory: () => processMemory(),
  loopDelay: () => takeLoopDelay(),
  cpu: () => process.cpuUsage(),
  counters: () => counters(),
  ...profilerCalls(),
  stop: async () => {
    await broker?.close();
    await ingest?.stop();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
