import { rmSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { startInfluxDb, waitFor, type InfluxServer } from '@hourglass/testing-services';
import { startBroker } from './broker.runner';
import { createInProcessIngest } from './ingest.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

/**
 * Ingest inside the broker's process, on a real InfluxDB: the device's PUBACK means durable. While
 * InfluxDB is down, messages are acknowledged from the local spool and reach InfluxDB after it returns.
 */
describe('in-process ingest: PUBACK after durable', () => {
  let influx: InfluxServer;
  let ctx: RuntimeContext;
  let ingest: Awaited<ReturnType<typeof createInProcessIngest>>;
  let broker: BrokerServer;
  let device: MqttClient;
  let dataDir: string;
  const ts0 = Date.now() - 60_000;

  const stored = async () =>
    (await influx.query(`select count("seq") from "telemetry" where "device" = 'ipi-1'`))[0]
      ?.count ?? 0;
  const gauge = async (name: string) =>
    (await ctx.metrics.registry.getSingleMetric(name)?.get())?.values[0]?.value ?? 0;

  beforeAll(async () => {
    influx = await startInfluxDb();
    dataDir = await migratedDataDir('hg-ipi-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({
        HG_DATA_DIR: dataDir,
        HG_INFLUX_URL: influx.url,
        HG_INFLUX_TOKEN: influx.token,
        HG_INFLUX_ORG: influx.org,
        HG_INFLUX_BUCKET: influx.bucket,
        HG_INGEST_FLUSH_MS: '20',
      }),
      () => undefined,
    );
    ingest = await createInProcessIngest(ctx);
    broker = await startBroker(ctx, 0, ingest.beforeAck);
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'ipi-1',
      type: 'turbofan',
    });
    device = await mqtt.connectAsync(broker.url, { clientId: 'ipi-1', ...credentials });
  }, 180_000);

  afterAll(async () => {
    await device?.endAsync(true);
    await broker?.close();
    await ingest?.stop();
    await ctx?.db.close();
    await influx?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const publish = (i: number) =>
    device.publishAsync(
      'devices/ipi-1/telemetry',
      JSON.stringify({ ts: ts0 + i, seq: i, metrics: { s2: 640 + i / 10 } }),
      { qos: 1 },
    );

  it('acknowledges a message only once InfluxDB holds it', async () => {
    await publish(1);
    // No waiting: the PUBACK itself is the promise that the point is stored.
    expect(await stored()).toBe(1);
  });

  it('acknowledges from the local spool while InfluxDB is down, then delivers everything', async () => {
    await influx.kill();
    for (let i = 2; i <= 51; i++) await publish(i);
    expect(await gauge('hg_ingest_spool_samples')).toBeGreaterThan(0);
    await influx.restart();
    await waitFor(async () => (await stored()) === 51, {
      timeoutMs: 60_000,
      intervalMs: 200,
      what: '51 points in InfluxDB',
    });
    await waitFor(async () => (await gauge('hg_ingest_spool_samples')) === 0, {
      timeoutMs: 10_000,
      what: 'an empty spool',
    });
  });
});
