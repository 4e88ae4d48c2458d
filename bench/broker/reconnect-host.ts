// The broker of the reconnect phase, as apps/broker runs it, in a process of its own that the phase
// kills and starts again on the same database and port:
// node tools/run.js bench/broker/reconnect-host.ts (driven over IPC by bench/broker/reconnect.phase.ts).
import type { BrokerServer } from '@hourglass/broker-server';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { openRuntimeContext, startBroker, type RuntimeContext } from '@hourglass/runtime-services';
import { progress } from '../support/bench-contract';
import { serveCalls } from '../support/child-host';
import type { DeviceSpec } from '../ingest/device-connection';

/** Parameters of {@link start}. */
export interface ReconnectHostParams {
  /** HG_DATA_DIR: the embedded database survives the kill there. */
  dataDir: string;
  /** 0 for a free port (first start), then the port the devices know. */
  port: number;
  /** Devices to provision before the broker starts (first start only). */
  provision: string[];
}

export interface ReconnectHostStarted {
  url: string;
  port: number;
  devices: DeviceSpec[];
  provisionMs: number;
  /** From the call to the broker listening (database open, migrations, broker start). */
  startMs: number;
}

let ctx: RuntimeContext | undefined;
let broker: BrokerServer | undefined;

async function start(params: ReconnectHostParams): Promise<ReconnectHostStarted> {
  const t0 = Date.now();
  // Only what places the process: every limit, the hasher and the trusted addresses at their defaults.
  const config = loadPlatformConfig({
    HG_DATA_DIR: params.dataDir,
    HG_MQTT_PORT: String(params.port),
    HG_SIMULATOR: 'off',
  });
  ctx = await openRuntimeContext(config, (line) => progress(`  broker: ${line}`));
  const t1 = Date.now();
  const devices = await provision(ctx, params.provision);
  const provisionMs = Date.now() - t1;
  broker = await startBroker(ctx);
  return {
    url: broker.url,
    port: broker.port,
    devices,
    provisionMs,
    startMs: Date.now() - t0 - provisionMs,
  };
}

/** Through the registry with the product's hasher, 16 at a time. */
async function provision(context: RuntimeContext, ids: readonly string[]): Promise<DeviceSpec[]> {
  const registry = new DeviceRegistryService(new DeviceRepository(context.db));
  const devices: DeviceSpec[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const { credentials } = await registry.provision(PROVIDER_SCOPE, {
        id: ids[index],
        type: 'bench',
      });
      devices[index] = { id: ids[index], index, ...credentials };
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return devices;
}

async function rejections(): Promise<Record<string, number>> {
  const metric = await ctx?.metrics.registry.getSingleMetric('hg_broker_rejections_total')?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [String(v.labels['reason']), v.value]),
  );
}

serveCalls({
  start: (params: ReconnectHostParams) => start(params),
  rejections: () => rejections(),
  connected: () => broker?.aedes.connectedClients ?? 0,
  cpu: () => process.cpuUsage(),
  stop: async () => {
    await broker?.close();
    await ctx?.db.close();
  },
});
