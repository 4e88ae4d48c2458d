import { rmSync } from 'node:fs';
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

const DEVICES = 15;
const PER_DEVICE = 100; // within a device's publish burst; 1,500 in all, above the broker's per-session queue cap of 1,000

/**
 * The standalone topology (embedded broker, ingest as its subscriber): what devices publish while the
 * ingest worker is down waits in its persistent session, however much it is, and is stored once it is back.
 */
describe('ingest restarting behind the embedded broker', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let ingest: RunningIngest | undefined;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-restart-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_INGEST_FLUSH_MS: '20' }),
      () => undefined,
    );
    broker = await startBroker(ctx, 0);
  }, 180_000);

  afterAll(async () => {
    await ingest?.stop();
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps every message published while ingest was away, beyond the per-session queue cap', async () => {
    ingest = await startIngest(ctx, broker.url); // creates the persistent session
    await ingest.stop();
    ingest = undefined;

    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    const t0 = Date.now() - 60_000;
    for (let d = 0; d < DEVICES; d++) {
      const id = `away-${d}`;
      const { credentials } = await registry.provision(PROVIDER_SCOPE, { id, type: 'turbofan' });
      const client = await mqtt.connectAsync(broker.url, {
        clientId: id,
        ...credentials,
        reconnectPeriod: 0,
      });
      await Promise.all(
        Array.from({ length: PER_DEVICE }, (_, i) =>
          client.publishAsync(
            `devices/${id}/telemetry`,
            JSON.stringify({ ts: t0 + i, seq: i, metrics: { t: i } }),
            { qos: 1 },
          ),
        ),
      );
      await client.endAsync();
    }

    ingest = await startIngest(ctx, broker.url);
    const count = async () => {
      let n = 0;
      for (let d = 0; d < DEVICES; d++)
        n += (await ctx.telemetry.query(`away-${d}`, { from: 0, to: Date.now() })).length;
      return n;
    };
    await waitFor(async () => (await count()) === DEVICES * PER_DEVICE, {
      timeoutMs: 60_000,
      what: 'every message stored',
    });
    const dropped = await ctx.metrics.registry
      .getSingleMetric('hg_broker_session_queue_dropped_total')
      ?.get();
    expect(dropped?.values[0]?.value ?? 0).toBe(0);
  });
});
