import mqtt, { type MqttClient } from 'mqtt';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { startPostgres, type PostgresServer } from '@hourglass/testing-services';
import { BrokerServer } from './broker.server';

/** hostile-inputs.md F6: PostgreSQL down. Device authentication fails closed; connected devices carry on. */
describe('BrokerServer when PostgreSQL is down (F6)', () => {
  let postgres: PostgresServer;
  let db: SqlDatabase;
  let broker: BrokerServer;
  let metrics: MetricsRegistry;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    db = await openTestDatabase({ databaseUrl: postgres.url });
    metrics = new MetricsRegistry({ defaultMetrics: false });
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    broker = await BrokerServer.start({ auth: registry, metrics }, { port: 0, services: [] });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker?.close();
    await db?.close().catch(() => undefined);
    await postgres?.stop();
  }, 60_000);

  it('refuses CONNECT with "server unavailable" (3) while the database is down; a connected device keeps publishing', async () => {
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    const first = await registry.provision(PROVIDER_SCOPE, { id: 'db-dev-1', type: 'pump' });
    const second = await registry.provision(PROVIDER_SCOPE, { id: 'db-dev-2', type: 'pump' });
    const connected = await mqtt.connectAsync(broker.url, {
      clientId: 'db-dev-1',
      ...first.credentials,
      reconnectPeriod: 0,
    });
    clients.push(connected);

    await postgres.stop();

    const refusal = await mqtt
      .connectAsync(broker.url, { clientId: 'db-dev-2', ...second.credentials, reconnectPeriod: 0 })
      .then((c) => (clients.push(c), 'connected'))
      .catch((error: Error & { code?: number }) => error.code);
    expect(refusal).toBe(3);
    const rejected = await metrics.registry.getSingleMetric('hg_broker_rejections_total')?.get();
    expect(rejected?.values.find((v) => v.labels['reason'] === 'server_unavailable')?.value).toBe(
      1,
    );
    await connected.publishAsync('devices/db-dev-1/telemetry', '{}', { qos: 1 });
    expect(connected.connected).toBe(true);
    expect(broker.healthy()).toBe(true);
  }, 60_000);
});
