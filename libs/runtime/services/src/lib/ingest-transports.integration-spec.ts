import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { waitFor } from '@hourglass/testing-services';
import { startBroker } from './broker.runner';
import { startIngest, type RunningIngest } from './ingest.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

/** A CA and a server certificate for 127.0.0.1 signed by it, as PEM files in `dir`. */
function makeCertificates(dir: string): void {
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl([
    'req',
    '-x509',
    ...ec,
    '-days',
    '1',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-subj',
    '/CN=test-ca',
  ]);
  openssl(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  openssl([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '1',
    '-out',
    'server.crt',
    '-extfile',
    'server.ext',
  ]);
}

/** Issue 12 item 14: the durable-ack subscriber reaches the broker over TLS (mqtts://) and WebSocket (ws://). */
describe("standalone ingest over the broker's TLS and WebSocket listeners", () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let ingest: RunningIngest | undefined;
  let dataDir: string;
  let registry: DeviceRegistryService;

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-ingest-tls-');
    makeCertificates(dataDir);
    const config = loadPlatformConfig({
      HG_DATA_DIR: dataDir,
      HG_MQTT_PORT: '0',
      HG_MQTTS_PORT: '0',
      HG_MQTT_WS_PORT: '0',
      HG_MQTT_TLS_CERT: join(dataDir, 'server.crt'),
      HG_MQTT_TLS_KEY: join(dataDir, 'server.key'),
      HG_MQTT_CA: join(dataDir, 'ca.crt'),
      HG_INGEST_FLUSH_MS: '20',
      HG_SIMULATOR: 'off',
    });
    ctx = await openRuntimeContext(config, () => undefined);
    broker = await startBroker(ctx, 0);
    registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
  }, 120_000);

  afterEach(async () => {
    await ingest?.stop();
    ingest = undefined;
  }, 30_000);

  afterAll(async () => {
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function publishAndAwaitStored(deviceId: string): Promise<void> {
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: deviceId,
      type: 'turbofan',
    });
    const device = await mqtt.connectAsync(broker.url, {
      clientId: deviceId,
      ...credentials,
      reconnectPeriod: 0,
    });
    const t0 = Date.now() - 10_000;
    for (let i = 0; i < 5; i++)
      await device.publishAsync(
        `devices/${deviceId}/telemetry`,
        JSON.stringify({ ts: t0 + i, metrics: { t: i } }),
        { qos: 1 },
      );
    await device.endAsync();
    const stored = async () =>
      (await ctx.telemetry.query(deviceId, { from: 0, to: Date.now() })).length;
    await waitFor(async () => (await stored()) === 5, {
      timeoutMs: 20_000,
      what: `the 5 samples of ${deviceId} stored`,
    });
  }

  it('subscribes over mqtts:// with the CA of HG_MQTT_CA and stores what devices publish', async () => {
    ingest = await startIngest(ctx, `mqtts://127.0.0.1:${broker.ports.tls}`);
    await publishAndAwaitStored('tls-ingest-1');
  });

  it('refuses a broker certificate it cannot verify (no CA given)', async () => {
    const untrusting = { ...ctx, config: { ...ctx.config, HG_MQTT_CA: undefined } };
    await expect(startIngest(untrusting, `mqtts://127.0.0.1:${broker.ports.tls}`)).rejects.toThrow(
      /certificate/i,
    );
  });

  it('subscribes over ws:// and stores what devices publish', async () => {
    ingest = await startIngest(ctx, `ws://127.0.0.1:${broker.ports.ws}/mqtt`);
    await publishAndAwaitStored('ws-ingest-1');
  });
});
