import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
  type DeviceCredentials,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { waitFor } from '@hourglass/testing-services';
import { startBroker } from './broker.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

/** Revocation reaches the broker (in this process at once, from another within the poll), and device status. */
describe('broker revocation and device status', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let dataDir: string;
  let sameProcess: DeviceRegistryService;
  let otherProcess: DeviceRegistryService;
  let statusWatcher: MqttClient;
  const status = new Map<string, string>();
  const clients: MqttClient[] = [];

  const connect = async (id: string, credentials: DeviceCredentials) => {
    const client = await mqtt.connectAsync(broker.url, {
      clientId: id,
      ...credentials,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };
  const closedAfter = (client: MqttClient) => {
    const t0 = Date.now();
    return new Promise<number>((resolve) => client.once('close', () => resolve(Date.now() - t0)));
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-revoke-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_SIMULATOR: 'off' }),
      () => undefined,
    );
    broker = await startBroker(ctx, 0);
    // As the API of this process builds it (api.runner), and as another process would (no events).
    sameProcess = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
      ctx.deviceEvents,
    );
    otherProcess = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    statusWatcher = await mqtt.connectAsync(broker.url, {
      clientId: 'svc-alerts',
      username: 'svc-alerts',
      password: ctx.serviceSecret('svc-alerts'),
      reconnectPeriod: 0,
    });
    statusWatcher.on('message', (topic, payload) => status.set(topic, payload.toString()));
    await statusWatcher.subscribeAsync('devices/+/status', { qos: 1 });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...clients, statusWatcher].map((c) => c?.endAsync(true)));
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('disconnects a device at once when its credentials are revoked in this process; it cannot come back', async () => {
    const { credentials } = await sameProcess.provision(PROVIDER_SCOPE, {
      id: 'rev-1',
      type: 'pump',
    });
    const client = await connect('rev-1', credentials);
    const closed = closedAfter(client);
    await sameProcess.revoke(PROVIDER_SCOPE, 'rev-1');
    expect(await closed).toBeLessThan(500);
    await expect(connect('rev-1', credentials)).rejects.toThrow(
      /Bad username or password|Connection refused/,
    );
    await waitFor(() => status.get('devices/rev-1/status') === 'offline', {
      timeoutMs: 2_000,
      what: 'rev-1 offline',
    });
  });

  it('disconnects a device revoked by another process within the watch interval', async () => {
    const { credentials } = await otherProcess.provision(PROVIDER_SCOPE, {
      id: 'rev-2',
      type: 'pump',
    });
    const client = await connect('rev-2', credentials);
    const closed = closedAfter(client);
    await otherProcess.revoke(PROVIDER_SCOPE, 'rev-2');
    expect(await closed).toBeLessThan(3_000);
  });

  it('disconnects a device at once when its credentials are rotated; only the new password gets it back', async () => {
    const { credentials } = await sameProcess.provision(PROVIDER_SCOPE, {
      id: 'rot-1',
      type: 'pump',
    });
    const client = await connect('rot-1', credentials);
    const closed = closedAfter(client);
    const fresh = await sameProcess.rotateCredentials(PROVIDER_SCOPE, 'rot-1');
    expect(await closed).toBeLessThan(500);
    await expect(connect('rot-1', credentials)).rejects.toThrow(
      /Bad username or password|Connection refused/,
    );
    const again = await connect('rot-1', fresh);
    await again.publishAsync('devices/rot-1/telemetry', '{}', { qos: 1 });
    expect(again.connected).toBe(true);
  });

  it('disconnects a device rotated by another process within the watch interval', async () => {
    const { credentials } = await otherProcess.provision(PROVIDER_SCOPE, {
      id: 'rot-2',
      type: 'pump',
    });
    const client = await connect('rot-2', credentials);
    const closed = closedAfter(client);
    const fresh = await otherProcess.rotateCredentials(PROVIDER_SCOPE, 'rot-2');
    expect(await closed).toBeLessThan(3_000);
    const again = await connect('rot-2', fresh);
    await again.publishAsync('devices/rot-2/telemetry', '{}', { qos: 1 });
    expect(again.connected).toBe(true);
  });

  it('keeps a retained online/offline status per device, the offline one as the Will of a lost connection', async () => {
    const { credentials } = await sameProcess.provision(PROVIDER_SCOPE, {
      id: 'status-1',
      type: 'pump',
    });
    const client = await connect('status-1', credentials);
    await waitFor(() => status.get('devices/status-1/status') === 'online', {
      timeoutMs: 2_000,
      what: 'online',
    });
    // A late subscriber gets the retained value.
    const observer = await mqtt.connectAsync(broker.url, {
      clientId: 'svc-alerts-2',
      username: 'svc-alerts',
      password: ctx.serviceSecret('svc-alerts'),
      reconnectPeriod: 0,
    });
    clients.push(observer);
    const retained = new Promise<string>((resolve) =>
      observer.once(
        'message',
        (_t, payload, packet) => packet.retain && resolve(payload.toString()),
      ),
    );
    await observer.subscribeAsync('devices/status-1/status', { qos: 1 });
    expect(await retained).toBe('online');
    // A lost connection (no DISCONNECT): the Will says offline.
    (client.stream as Socket).destroy();
    await waitFor(() => status.get('devices/status-1/status') === 'offline', {
      timeoutMs: 5_000,
      what: 'offline by Will',
    });
    const back = await connect('status-1', credentials);
    await waitFor(() => status.get('devices/status-1/status') === 'online', {
      timeoutMs: 2_000,
      what: 'online again',
    });
    await back.endAsync();
    await waitFor(() => status.get('devices/status-1/status') === 'offline', {
      timeoutMs: 2_000,
      what: 'offline after DISCONNECT',
    });
  });
});
