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
import { startRedis, waitFor, type RedisServer } from '@hourglass/testing-services';
import { BrokerServer } from './broker.server';
import { TcpOutageProxy } from './tcp-outage-proxy.fixture';

/**
 * hostile-inputs.md F5: Redis down under a two-node cluster. The outage lasts 10 s here instead
 * of 60 s (nothing in the brokers counts time while Redis is away; the shorter outage keeps the
 * suite fast): health turns red within 5 s, no node crashes, routing is back within 10 s of Redis.
 */
describe('BrokerServer cluster when Redis goes away (F5)', () => {
  let redis: RedisServer;
  let proxy: TcpOutageProxy;
  let db: SqlDatabase;
  let nodes: BrokerServer[] = [];
  const clients: MqttClient[] = [];
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
    proxy = await TcpOutageProxy.start(redis.port);
    db = await openTestDatabase();
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    const start = () =>
      BrokerServer.start(
        { auth: registry, metrics: new MetricsRegistry({ defaultMetrics: false }) },
        { port: 0, services, redisUrl: proxy.url },
      );
    nodes = [await start(), await start()];
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await Promise.all(nodes.map((n) => n.close()));
    await proxy?.stop();
    await db?.close();
    await redis?.stop();
  }, 60_000);

  it('turns unhealthy within 5 s, survives 10 s without Redis, and routes again within 10 s of its return', async () => {
    const registry = new DeviceRegistryService(
      new DeviceRepository(db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'outage-dev-1',
      type: 'pump',
    });
    // Both reconnect as real clients do: a node may drop them while its Redis commands fail.
    const subscriber = await mqtt.connectAsync(nodes[1].url, {
      clientId: 'svc-ingest',
      username: 'svc-ingest',
      password: 'service-secret-123',
      reconnectPeriod: 500,
    });
    const device = await mqtt.connectAsync(nodes[0].url, {
      clientId: 'outage-dev-1',
      ...credentials,
      reconnectPeriod: 500,
    });
    clients.push(subscriber, device);
    const received: string[] = [];
    subscriber.on('message', (_topic, payload) => received.push(payload.toString()));
    await subscriber.subscribeAsync('devices/+/telemetry', { qos: 0 });
    let n = 0;
    // Publishes a fresh message each time and says whether any with this prefix has come through.
    const routes = async (prefix: string) => {
      device.publish('devices/outage-dev-1/telemetry', `${prefix}-${n++}`, { qos: 0 });
      return received.some((m) => m.startsWith(`${prefix}-`));
    };
    await waitFor(() => routes('before'), {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: 'routing before the outage',
    });

    const down = Date.now();
    await proxy.down();
    await waitFor(() => nodes.every((n) => !n.healthy()), {
      timeoutMs: 5_000,
      what: 'both nodes unhealthy',
    });
    const redAfter = Date.now() - down;
    await new Promise((r) => setTimeout(r, 10_000 - (Date.now() - down))); // the outage itself
    expect(nodes.every((n) => !n.aedes.closed)).toBe(true);

    const back = Date.now();
    await proxy.up();
    await waitFor(() => routes('after'), {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: 'routing after the outage',
    });
    const routedAfter = Date.now() - back;
    expect(nodes.every((n) => n.healthy())).toBe(true);
    expect(redAfter).toBeLessThan(5_000);
    expect(routedAfter).toBeLessThan(10_000);
  }, 60_000);
});
