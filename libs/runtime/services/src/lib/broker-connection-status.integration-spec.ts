import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import mqtt from 'mqtt';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  AssetRepository,
  DeviceConnectionRecorder,
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { waitFor } from '@hourglass/testing-services';
import { migratedDataDir } from '@hourglass/testing-sql';
import { startBroker } from './broker.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';

/** The embedded broker's retained statuses reach the assets the API reads (issue 16). */
describe('asset connection from the broker', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let dataDir: string;
  let registry: DeviceRegistryService;
  let sut: AssetRepository;

  const connectionOf = async (id: string) => {
    const [asset] = await sut.list(PROVIDER_SCOPE, id);
    return asset ? { connection: asset.connection, since: asset.connectionSince } : undefined;
  };
  const connectDevice = async (id: string) => {
    const { credentials } = await registry.provision(PROVIDER_SCOPE, { id, type: 'pump' });
    return mqtt.connectAsync(broker.url, { clientId: id, ...credentials, reconnectPeriod: 0 });
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-conn-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_SIMULATOR: 'off' }),
      () => undefined,
    );
    registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    sut = new AssetRepository(ctx.db);
    // Left ONLINE by a broker that stopped without publishing its offline.
    await registry.provision(PROVIDER_SCOPE, { id: 'conn-stale', type: 'pump' });
    const before = new DeviceConnectionRecorder(ctx.db, { now: () => Date.now() - 60_000 });
    before.onStatus('conn-stale', 'online');
    await before.flush();
    broker = await startBroker(ctx, 0);
  }, 180_000);

  afterAll(async () => {
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('is null before the device connects, ONLINE while connected, OFFLINE after a clean disconnect', async () => {
    await registry.provision(PROVIDER_SCOPE, { id: 'conn-never', type: 'pump' });
    expect(await connectionOf('conn-never')).toEqual({ connection: null, since: null });

    const client = await connectDevice('conn-1');
    await waitFor(async () => (await connectionOf('conn-1'))?.connection === 'ONLINE', {
      what: 'conn-1 ONLINE',
    });
    const online = await connectionOf('conn-1');
    expect(online?.since).not.toBeNull();
    const onlineIds = (
      await sut.list(PROVIDER_SCOPE, undefined, undefined, { connection: 'ONLINE' })
    ).map((a) => a.id);
    expect(onlineIds).toEqual(['conn-1']);

    await client.endAsync();
    await waitFor(async () => (await connectionOf('conn-1'))?.connection === 'OFFLINE', {
      what: 'conn-1 OFFLINE',
    });
    const offline = await connectionOf('conn-1');
    expect(Date.parse(offline?.since ?? '')).toBeGreaterThanOrEqual(
      Date.parse(online?.since ?? ''),
    );
    const offlineIds = (
      await sut.list(PROVIDER_SCOPE, undefined, undefined, { connection: 'OFFLINE' })
    ).map((a) => a.id);
    expect(offlineIds).toEqual(['conn-1', 'conn-stale']);
  }, 60_000);

  it('is OFFLINE for a device left ONLINE before this broker started alone', async () => {
    expect((await connectionOf('conn-stale'))?.connection).toBe('OFFLINE');
  });

  it('is OFFLINE after a lost connection (no DISCONNECT)', async () => {
    const client = await connectDevice('conn-2');
    await waitFor(async () => (await connectionOf('conn-2'))?.connection === 'ONLINE', {
      what: 'conn-2 ONLINE',
    });
    (client.stream as Socket).destroy();
    await waitFor(async () => (await connectionOf('conn-2'))?.connection === 'OFFLINE', {
      what: 'conn-2 OFFLINE',
    });
    await client.endAsync(true);
  }, 60_000);
});
