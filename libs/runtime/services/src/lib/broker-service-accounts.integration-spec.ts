import { rmSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
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
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

/** Issue 12 item 6 and hostile-inputs.md B21: one secret per service account, service client ids apart. */
describe('broker service accounts (B21)', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let dataDir: string;
  const clients: MqttClient[] = [];

  const connect = async (options: IClientOptions) => {
    const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  };
  const refusal = (options: IClientOptions) =>
    connect(options).then(
      () => 'connected',
      (error: Error & { code?: number }) => error.code,
    );
  const rejections = async (reason: string) => {
    const metric = await ctx.metrics.registry.getSingleMetric('hg_broker_rejections_total')?.get();
    return metric?.values.find((v) => v.labels['reason'] === reason)?.value ?? 0;
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-svcacct-');
    const config = loadPlatformConfig({
      HG_DATA_DIR: dataDir,
      HG_MQTT_PORT: '0',
      HG_SIMULATOR: 'off',
      HG_SERVICE_PASSWORD: 'master-secret-for-b21',
    });
    ctx = await openRuntimeContext(config, () => undefined);
    broker = await startBroker(ctx, 0);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("logs each account in with its own secret only: not with the other account's, not with the master", async () => {
    await connect({
      clientId: 'svc-ingest',
      username: 'svc-ingest',
      password: ctx.serviceSecret('svc-ingest'),
    });
    await connect({
      clientId: 'svc-alerts-b21',
      username: 'svc-alerts',
      password: ctx.serviceSecret('svc-alerts'),
    });
    expect(
      await refusal({
        clientId: 'svc-alerts-x',
        username: 'svc-alerts',
        password: ctx.serviceSecret('svc-ingest'),
      }),
    ).toBe(4);
    expect(
      await refusal({
        clientId: 'svc-ingest-x',
        username: 'svc-ingest',
        password: ctx.serviceSecret('svc-alerts'),
      }),
    ).toBe(4);
    expect(
      await refusal({
        clientId: 'svc-ingest-y',
        username: 'svc-ingest',
        password: 'master-secret-for-b21',
      }),
    ).toBe(4);
  });

  it("refuses a service secret with a device's client id (not authorized, counted); the device's session stays up", async () => {
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'b21-dev',
      type: 'pump',
    });
    const device = await connect({ clientId: 'b21-dev', ...credentials });
    let closed = false;
    device.on('close', () => (closed = true));
    const before = await rejections('service_client_id');

    for (const account of ['svc-alerts', 'svc-ingest'] as const) {
      expect(
        await refusal({
          clientId: 'b21-dev',
          username: account,
          password: ctx.serviceSecret(account),
        }),
      ).toBe(5);
    }
    expect(
      await refusal({
        clientId: 'svc-alertsx',
        username: 'svc-alerts',
        password: ctx.serviceSecret('svc-alerts'),
      }),
    ).toBe(5);

    expect(await rejections('service_client_id')).toBe(before + 3);
    const echoed = new Promise<string>((resolve) =>
      device.once('message', (_topic, payload) => resolve(payload.toString())),
    );
    await device.subscribeAsync('devices/b21-dev/echo', { qos: 1 });
    await device.publishAsync('devices/b21-dev/echo', 'still here', { qos: 1 });
    expect(await echoed).toBe('still here');
    await waitFor(() => device.connected, { timeoutMs: 1_000, what: 'device still connected' });
    expect(closed).toBe(false);
  });
});
