import mqtt from 'mqtt';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { startRedis, waitFor, type RedisServer } from '@hourglass/testing-services';
import { BrokerServer } from './broker.server';

/** Two broker nodes sharing routing through a real Redis: a device on A reaches a subscriber on B. */
describe('BrokerServer cluster through Redis', () => {
  let redis: RedisServer;
  let db: SqlDatabase;
  let nodes: BrokerServer[] = [];
  const services = [
    {
      name: 'svc-ingest',
      password: 'service-secret-123',
      publish: [],
      subscribe: ['devices/+/telemetry'],
    },
  ];

  beforeAll(async () => {
    redis = await startRedis();
    db = await openTestDatabase();
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    const start = () =>
      BrokerServer.start(
        { auth: registry, metrics: new MetricsRegistry({ defaultMetrics: false }) },
        { port: 0, services, redisUrl: redis.url },
      );
    nodes = [await start(), await start()];
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await db?.close();
    await redis?.stop();
  }, 60_000);

  it('routes a device message published on node A to a subscriber on node B', async () => {
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'cluster-dev-1',
      type: 'pump',
    });
    const subscriber = await mqtt.connectAsync(nodes[1].url, {
      clientId: 'svc-ingest',
      username: 'svc-ingest',
      password: 'service-secret-123',
    });
    const device = await mqtt.connectAsync(nodes[0].url, {
      clientId: 'cluster-dev-1',
      ...credentials,
    });
    try {
      const received: string[] = [];
      subscriber.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
      await subscriber.subscribeAsync('devices/+/telemetry', { qos: 1 });
      expect(nodes.every((n) => n.healthy())).toBe(true);
      // Subscriptions propagate through Redis asynchronously: publish until one arrives.
      await waitFor(
        async () => {
          await device.publishAsync('devices/cluster-dev-1/telemetry', '{"n":1}', { qos: 1 });
          return received.length > 0;
        },
        { timeoutMs: 10_000, intervalMs: 200, what: 'a message routed across nodes' },
      );
      expect(received[0]).toBe('devices/cluster-dev-1/telemetry {"n":1}');
    } finally {
      await device.endAsync(true);
      await subscriber.endAsync(true);
    }
  });
});
