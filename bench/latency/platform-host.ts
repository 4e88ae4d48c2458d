// The platform under test in the latency bench, in a process of its own: `startPlatform` as
// `npm start` runs it (broker with ingest inside, scoring and billing, API) on the embedded stores,
// without the simulator. node tools/run.js bench/latency/platform-host.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { startPlatform, type RunningPlatform } from '@hourglass/runtime-services';
import { progress } from '../support/bench-contract';
import { serveCalls } from '../support/child-host';
import { countProgress } from '../support/phase-progress';
import type { DeviceSpec } from '../ingest/device-connection';
import { processMemory } from '../ingest/process-memory';
import { deviceIds } from '../ingest/telemetry-payload';
import { ScoringObserver } from './scoring-observer';

export interface LatencyHostParams {
  devices: number;
  /** scrypt cost of the provisioned credentials (the platform's default is 16384). */
  scryptN: number;
  provisionConcurrency: number;
  /** Assets whose rounds and scores are recorded. */
  sampled: string[];
}

/** Settings of the platform that shape the latency, as the platform read them. */
export interface LatencyHostStarted {
  url: string;
  devices: DeviceSpec[];
  provisionMs: number;
  settings: Record<string, unknown>;
}

const observer = new ScoringObserver();
const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-latency-'));
let platform: RunningPlatform | undefined;

async function start(params: LatencyHostParams): Promise<LatencyHostStarted> {
  const config = loadPlatformConfig({
    HG_DATA_DIR: dataDir,
    HG_MQTT_PORT: '0',
    HG_HTTP_PORT: '0',
    HG_SIMULATOR: 'off',
    // Settings that shape the latency may be varied from the bench's environment.
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => key.startsWith('HG_INGEST_') || key.startsWith('HG_SCORING_'),
      ),
    ),
  });
  observer.sample(params.sampled);
  platform = await startPlatform(config, (line) => progress(`  platform: ${line}`));
  const t0 = Date.now();
  const devices = await provision(platform, params);
  return {
    url: platform.mqttUrl,
    devices,
    provisionMs: Date.now() - t0,
    settings: Object.fromEntries(
      Object.entries(config).filter(
        ([key]) => key.startsWith('HG_INGEST_') || key.startsWith('HG_SCORING_'),
      ),
    ),
  };
}

/** Provisions the fleet as turbofan devices (each gets its asset), `concurrency` at a time. */
async function provision(
  running: RunningPlatform,
  params: LatencyHostParams,
): Promise<DeviceSpec[]> {
  const registry = new DeviceRegistryService(
    new DeviceRepository(running.ctx.db),
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
      const device = await registry.provision(PROVIDER_SCOPE, { id: ids[index], type: 'turbofan' });
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

serveCalls({
  start: (params: LatencyHostParams) => start(params),
  observations: () => observer.snapshot(),
  memory: () => processMemory(),
  cpu: () => process.cpuUsage(),
  stop: async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
