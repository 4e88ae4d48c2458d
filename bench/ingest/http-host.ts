// The HTTP phase's server in a process of its own: the runtime's API given the in-process ingest,
// as `npm start` serves POST /api/devices/{id}/telemetry, on InfluxDB.
// node tools/run.js bench/ingest/http-host.ts
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
import {
  createInProcessIngest,
  openRuntimeContext,
  startApi,
  type RunningIngest,
  type RuntimeContext,
} from '@hourglass/runtime-services';
import { progress } from '../support/bench-contract';
import { serveCalls } from '../support/child-host';

export interface HttpHostParams {
  influx: { url: string; token: string; org: string; bucket: string };
  deviceIds: string[];
  scryptN: number;
}

export interface HttpHostStarted {
  url: string;
  /** `Basic ...` header per device, in the order of `deviceIds`. */
  authorizations: string[];
}

let ctx: RuntimeContext | undefined;
let ingest: RunningIngest | undefined;
let api: { close: () => Promise<void> } | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-http-'));

async function start(params: HttpHostParams): Promise<HttpHostStarted> {
  const config = loadPlatformConfig({
    HG_INFLUX_URL: params.influx.url,
    HG_INFLUX_TOKEN: params.influx.token,
    HG_INFLUX_ORG: params.influx.org,
    HG_INFLUX_BUCKET: params.influx.bucket,
    HG_DATA_DIR: dataDir,
    HG_SIMULATOR: 'off',
    ...Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key.startsWith('HG_INGEST_')),
    ),
  });
  // The access log stays on, as users run it (its cost is in the figure), but its line per request
  // is not echoed: at a few hundred requests a second it would bury the bench's own progress.
  const context = await openRuntimeContext(config, (line) => {
    if (!line.startsWith('http: ')) progress(`  http host: ${line}`);
  });
  ctx = context;
  const registry = new DeviceRegistryService(
    new DeviceRepository(context.db),
    new PasswordHasher({ N: params.scryptN }),
  );
  const authorizations: string[] = [];
  for (const id of params.deviceIds) {
    const { credentials } = await registry.provision(PROVIDER_SCOPE, { id, type: 'bench-pump' });
    const pair = `${credentials.username}:${credentials.password}`;
    authorizations.push(`Basic ${Buffer.from(pair).toString('base64')}`);
  }
  ingest = await createInProcessIngest(context);
  const running = await startApi(context, { port: 0, telemetryIntake: ingest.service });
  api = running;
  return { url: `http://127.0.0.1:${running.port}`, authorizations };
}

serveCalls({
  start: (params: HttpHostParams) => start(params),
  cpu: () => process.cpuUsage(),
  stop: async () => {
    await api?.close();
    await ingest?.stop();
    await ctx?.telemetry.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
