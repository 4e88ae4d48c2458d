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
import { startRedis, waitFor, type RedisServer } from '@hourglass/testing-services';
import { startBroker } from './broker.runner';
import { startIngest, type RunningIngest } from './ingest.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

/** Item 11 / B20: HG_INGEST_SHARE_GROUP against the embedded broker stores telemetry, or fails loudly. */
describe('ingest workers with HG_INGEST_SHARE_GROUP behind the embedded broker', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer | undefined;
  let ingest: RunningIngest | undefined;
  let redis: RedisServer | undefined;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await migratedDataDir('hg-share-');
  });

  afterEach(async () => {
    await ingest?.stop();
    await broker?.close();
    await ctx?.db.close();
    await redis?.stop();
    ingest = broker = redis = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('stores what devices publish (a single node delivers the shared subscription)', async () => {
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_INGEST_FLUSH_MS: '20' }),
      () => undefined,
    );
    broker = await startBroker(ctx, 0);
    ingest = await startIngest(ctx, broker.url, 'ingest');
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'shared-1',
      type: 'turbofan',
    });
    const device = await mqtt.connectAsync(broker.url, {
      clientId: 'shared-1',
      ...credentials,
      reconnectPeriod: 0,
    });
    const t0 = Date.now() - 10_000;
    for (let i = 0; i < 10; i++)
      await device.publishAsync(
        'devices/shared-1/telemetry',
        JSON.stringify({ ts: t0 + i, metrics: { t: i } }),
        { qos: 1 },
      );
    await device.endAsync();
    const stored = async () =>
      (await ctx.telemetry.query('shared-1', { from: 0, to: Date.now() })).length;
    await waitFor(async () => (await stored()) === 10, {
      timeoutMs: 20_000,
      what: 'the 10 samples stored',
    });
  });

  it('fails to start, naming the variable, when the broker refuses the shared subscription (Redis cluster)', async () => {
    redis = await startRedis();
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_REDIS_URL: redis.url }),
      () => undefined,
    );
    broker = await startBroker(ctx, 0);
    await expect(startIngest(ctx, broker.url, 'ingest')).rejects.toThrow(
      /HG_INGEST_SHARE_GROUP=ingest: .*refused the subscription to \$share\/ingest\/devices\/\+\/telemetry/,
    );
  }, 120_000);
});
