import mqtt, { type MqttClient } from 'mqtt';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { waitFor } from '@hourglass/testing-services';
import { BrokerServer } from './broker.server';
import { staticAuthenticator, type StaticDevice } from './static-authenticator.fixture';

const devices: StaticDevice[] = [
  { id: 'will-a', tenantId: 'tenant-a', password: 'secret-a' },
  { id: 'will-b', tenantId: 'tenant-b', password: 'secret-b' },
];
const credentials = (id: string) => ({
  clientId: id,
  username: id,
  password: devices.find((d) => d.id === id)!.password,
  reconnectPeriod: 0,
});
const will = (topic: string, payload: string) => ({
  topic,
  payload: Buffer.from(payload),
  qos: 1 as const,
  retain: false,
});

/** A device's Will is a publish on its behalf: it gets the device's topic permissions (B18, one node). */
describe('BrokerServer device Wills', () => {
  let broker: BrokerServer;
  let metrics: MetricsRegistry;
  const clients: MqttClient[] = [];
  const received: string[] = [];

  beforeAll(async () => {
    metrics = new MetricsRegistry({ defaultMetrics: false });
    const services = [
      {
        name: 'svc-watch',
        password: 'watch-secret-123',
        publish: [],
        subscribe: ['devices/+/status', 'devices/+/commands/#'],
      },
    ];
    broker = await BrokerServer.start(
      { auth: staticAuthenticator(devices), metrics },
      { port: 0, services },
    );
    const watcher = await mqtt.connectAsync(broker.url, {
      clientId: 'svc-watch',
      username: 'svc-watch',
      password: 'watch-secret-123',
      reconnectPeriod: 0,
    });
    clients.push(watcher);
    watcher.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    await watcher.subscribeAsync(['devices/+/status', 'devices/+/commands/#'], { qos: 1 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker?.close();
  });

  const connect = (id: string, topic: string, payload: string) =>
    mqtt
      .connectAsync(broker.url, { ...credentials(id), will: will(topic, payload) })
      .then((c) => (clients.push(c), 'connected'))
      .catch((error: Error & { code?: number }) => error.code);

  const willDenied = async () => {
    const rejected = await metrics.registry.getSingleMetric('hg_broker_rejections_total')?.get();
    return rejected?.values.find((v) => v.labels['reason'] === 'will_denied')?.value ?? 0;
  };

  it.each([
    ["another device's command topic", 'devices/will-b/commands/replace'],
    ["another device's status", 'devices/will-b/status'],
    ["its own command topic (the platform's)", 'devices/will-a/commands/replace'],
    ['a topic outside devices/', 'alerts/all'],
  ])(
    'refuses a Will on %s with CONNACK 5 (not authorized), counted as will_denied',
    async (_what, topic) => {
      const before = await willDenied();
      expect(await connect('will-a', topic, 'forged')).toBe(5);
      expect(await willDenied()).toBe(before + 1);
    },
  );

  it("accepts a Will on the device's own status topic and publishes it when the connection is lost", async () => {
    expect(await connect('will-a', 'devices/will-a/status', 'lost')).toBe('connected');
    const device = clients[clients.length - 1];
    device.stream.destroy();
    await waitFor(() => received.includes('devices/will-a/status lost'), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'the Will',
    });
    expect(received.filter((r) => r.includes('forged'))).toEqual([]);
  });
});
