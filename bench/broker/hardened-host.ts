// The hardened broker of the broker bench, in a process of its own:
// node tools/run.js bench/broker/hardened-host.ts (driven over IPC by bench/broker/hardened.phase.ts).
import { TELEMETRY_FILTER } from '@hourglass/contracts-wire';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BrokerServer } from '@hourglass/broker-server';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import type { DeviceSpec } from '../ingest/device-connection';
import { processMemory } from '../ingest/process-memory';
import { serveCalls } from '../support/child-host';
import { countProgress } from '../support/phase-progress';
import { profilerCalls } from '../support/cpu-profile';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let db: SqlDatabase | undefined;
let broker: BrokerServer | undefined;
const metrics = new MetricsRegistry({ defaultMetrics: false });

/** Parameters of {@link start}. */
export interface HardenedHostParams {
  ids: string[];
}

async function start(
  params: HardenedHostParams,
): Promise<{ url: string; devices: DeviceSpec[]; provisionMs: number }> {
  db = await openTestDatabase();
  // The product's hashing: generated device secrets, stored as a salted HMAC.
  const registry = new DeviceRegistryService(new DeviceRepository(db));
  const t0 = Date.now();
  const devices: DeviceSpec[] = new Array(params.ids.length);
  const provisioned = countProgress('provisioning devices', params.ids.length, 'devices');
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < params.ids.length) {
      const index = next++;
      const { credentials } = await registry.provision(PROVIDER_SCOPE, {
        id: params.ids[index],
        type: 'bench',
      });
      devices[index] = { id: params.ids[index], index, ...credentials };
      provisioned.update(++done);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const provisionMs = Date.now() - t0;
  broker = await BrokerServer.start(
    { auth: registry, metrics },
    {
      port: 0,
      // The shared generator's counting subscriber connects without credentials: a read-only
      // service account with an empty name lets it in (it plays the part of ingest).
      services: [{ name: '', password: '', publish: [], subscribe: [TELEMETRY_FILTER] }],
      // Every limit at its default, except: the generator connects all devices from one address, so
      // loopback is not trusted (the per-IP gate is consulted for each) and its per-IP connection
      // rate and cap admit a fleet; and keep-alive 0 is allowed for the subscriber (cap off).
      trustedIps: [],
      limits: {
        connectionRatePerIp: 1_000_000,
        connectionBurstPerIp: 1_000_000,
        maxConnectionsPerIp: 1_000_000,
        maxKeepAliveSeconds: 0,
      },
    },
  );
  return { url: broker.url, devices, provisionMs };
}

/** Memory after two full garbage collections: what the connections hold. */
function settledMemory() {
  gc();
  gc();
  return processMemory();
}

async function rejections(): Promise<Record<string, number>> {
  const metric = await metrics.registry.getSingleMetric('hg_broker_rejections_total')?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map((v) => [String(v.labels['reason']), v.value]),
  );
}

serveCalls({
  ...profilerCalls(),
  start: (params: HardenedHostParams) => start(params),
  memory: () => processMemory(),
  settledMemory: () => settledMemory(),
  rejections: () => rejections(),
  connected: () => broker?.aedes.connectedClients ?? 0,
  cpu: () => process.cpuUsage(),
  stop: async () => {
    await broker?.close();
    await db?.close();
  },
});
