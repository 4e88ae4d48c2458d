import mqtt from 'mqtt';
import { BrokerServer, serviceAccountSecret, type ServiceAccount } from '@hourglass/broker-server';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { ADMIN_TOKEN, call, startFixtureApi } from '../controllers/users-api.fixture';
import { MqttHooksController } from './mqtt-hooks.controller';

const MASTER = 'master-secret-for-the-hooks';
const HOOK_SECRET = serviceAccountSecret(MASTER, 'svc-mqtt-hooks');
const secretOf = (account: string) => serviceAccountSecret(MASTER, account);
// The platform's accounts as the runtime configures them (libs/runtime/services, serviceAccounts).
const SERVICES: ServiceAccount[] = [
  {
    name: 'svc-ingest',
    password: secretOf('svc-ingest'),
    publish: [],
    subscribe: ['devices/+/telemetry'],
  },
  {
    name: 'svc-alerts',
    password: secretOf('svc-alerts'),
    publish: ['devices/+/commands/#'],
    subscribe: ['devices/+/events', 'devices/+/status'],
  },
];

/** A CONNECT: client id, username, password (`engine-1's` = the device's issued password). */
type Connect = { clientId: string; username: string; password: string };

// The embedded broker's authentication cases (broker-topics B9, broker-service-accounts B21),
// decided by the embedded broker over MQTT and by the hook over HTTP: the answers must agree.
const CONNECT_CASES: Array<[string, (pw: string) => Connect, 'allow' | 'deny']> = [
  [
    'a device with its password and its id as client id',
    (pw) => ({ clientId: 'engine-1', username: 'engine-1', password: pw }),
    'allow',
  ],
  [
    'a device with a wrong password',
    () => ({ clientId: 'engine-1', username: 'engine-1', password: 'wrong' }),
    'deny',
  ],
  [
    "a device's credentials under another client id (B9)",
    (pw) => ({ clientId: 'engine-2', username: 'engine-1', password: pw }),
    'deny',
  ],
  ['an unknown username', () => ({ clientId: 'ghost', username: 'ghost', password: 'x' }), 'deny'],
  [
    'svc-ingest with its own secret',
    () => ({ clientId: 'svc-ingest', username: 'svc-ingest', password: secretOf('svc-ingest') }),
    'allow',
  ],
  [
    'svc-ingest as a numbered worker',
    () => ({
      clientId: 'svc-ingest-worker-2',
      username: 'svc-ingest',
      password: secretOf('svc-ingest'),
    }),
    'allow',
  ],
  [
    "svc-ingest with svc-alerts' secret (B21)",
    () => ({ clientId: 'svc-ingest', username: 'svc-ingest', password: secretOf('svc-alerts') }),
    'deny',
  ],
  [
    'svc-ingest with the master secret (B21)',
    () => ({ clientId: 'svc-ingest', username: 'svc-ingest', password: MASTER }),
    'deny',
  ],
  [
    "a service secret with a device's client id (B21)",
    () => ({ clientId: 'engine-1', username: 'svc-ingest', password: secretOf('svc-ingest') }),
    'deny',
  ],
  [
    'a client id longer than 64 characters',
    (pw) => ({ clientId: 'e'.repeat(65), username: 'engine-1', password: pw }),
    'deny',
  ],
];

// The topic ACL cases of topic-policy.spec.ts (the same functions decide for both brokers).
const ACCESS_CASES: Array<[string, string, 'publish' | 'subscribe', string, 'allow' | 'deny']> = [
  ['engine-1', 'engine-1', 'publish', 'devices/engine-1/telemetry', 'allow'],
  ['engine-1', 'engine-1', 'publish', 'devices/engine-1/status', 'allow'],
  ['engine-1', 'engine-1', 'publish', 'devices/engine-2/telemetry', 'deny'],
  ['engine-1', 'engine-1', 'publish', 'devices/engine-1', 'deny'],
  ['engine-1', 'engine-1', 'publish', 'devices/engine-1/', 'deny'],
  ['engine-1', 'engine-1', 'publish', 'devices/engine-1/commands/replace', 'deny'],
  ['engine-1', 'engine-1', 'publish', 'devices/+/telemetry', 'deny'],
  ['engine-1', 'engine-1', 'publish', '$SYS/x', 'deny'],
  ['engine-1', 'engine-1', 'subscribe', 'devices/engine-1/commands/#', 'allow'],
  ['engine-1', 'engine-1', 'subscribe', 'devices/engine-1/#', 'allow'],
  ['engine-1', 'engine-1', 'subscribe', 'devices/engine-2/#', 'deny'],
  ['engine-1', 'engine-1', 'subscribe', 'devices/+/telemetry', 'deny'],
  ['engine-1', 'engine-1', 'subscribe', '#', 'deny'],
  ['svc-ingest-1', 'svc-ingest', 'subscribe', '$share/ingest/devices/+/telemetry', 'allow'],
  ['svc-ingest-1', 'svc-ingest', 'subscribe', 'devices/+/telemetry', 'allow'],
  ['svc-ingest-1', 'svc-ingest', 'subscribe', 'devices/#', 'deny'],
  ['svc-ingest-1', 'svc-ingest', 'publish', 'devices/engine-1/commands/replace', 'deny'],
  ['svc-alerts', 'svc-alerts', 'publish', 'devices/engine-1/commands/replace', 'allow'],
  ['svc-alerts', 'svc-alerts', 'publish', 'devices/engine-1/telemetry', 'deny'],
  // A service name as username with a device's client id gets that device's rights, no more.
  ['engine-1', 'svc-alerts', 'publish', 'devices/engine-2/commands/replace', 'deny'],
];

forEachSqlBackend(MqttHooksController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  let broker: BrokerServer;
  let password: string;

  const hook = (path: string, body: unknown, secret: string | null = HOOK_SECRET) =>
    call(api.port, secret, 'POST', `/api/mqtt/${path}`, body);
  /** The embedded broker's answer to the same CONNECT: allow, or deny with its CONNACK code. */
  const embedded = async (c: Connect) => {
    const client = await mqtt
      .connectAsync(broker.url, { ...c, reconnectPeriod: 0, connectTimeout: 10_000 })
      .catch((error: Error & { code?: number }) => error.code ?? error.message);
    if (typeof client !== 'object') return 'deny';
    await client.endAsync(true);
    return 'allow';
  };

  beforeAll(async () => {
    const registry = new DeviceRegistryService(new DeviceRepository(db()));
    password = (await registry.provision(PROVIDER_SCOPE, { id: 'engine-1', type: 'turbofan' }))
      .credentials.password;
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    broker = await BrokerServer.start({ auth: registry, metrics }, { port: 0, services: SERVICES });
    api = await startFixtureApi(db(), { mqttHooks: { services: SERVICES, secret: HOOK_SECRET } });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await broker?.close();
  });

  it.each(CONNECT_CASES)(
    'CONNECT: %s -> %s, as the embedded broker decides',
    async (_, make, expected) => {
      const c = make(password);
      const answer = await hook('authenticate', {
        clientid: c.clientId,
        username: c.username,
        password: c.password,
      });
      expect({
        status: answer.status,
        result: answer.body.result,
        embedded: await embedded(c),
      }).toEqual({
        status: 200,
        result: expected,
        embedded: expected,
      });
    },
  );

  it.each(ACCESS_CASES)(
    'client %s (user %s) %s %j -> %s',
    async (clientid, username, action, topic, expected) => {
      const answer = await hook('authorize', {
        clientid,
        username,
        action,
        topic,
        qos: '1',
        retain: 'false',
      });
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 200,
        body: { result: expected },
      });
    },
  );

  it('answers only the broker holding the hook secret: none, the admin token or a wrong one get 401', async () => {
    const body = { clientid: 'engine-1', username: 'engine-1', password };
    for (const secret of [null, ADMIN_TOKEN, `${HOOK_SECRET}x`])
      expect((await hook('authenticate', body, secret)).status).toBe(401);
    expect(
      (
        await hook(
          'authorize',
          {
            clientid: 'engine-1',
            username: 'engine-1',
            action: 'publish',
            topic: 'devices/engine-1/telemetry',
          },
          null,
        )
      ).status,
    ).toBe(401);
  });

  it('refuses a malformed request with 400 (no decision)', async () => {
    expect(
      (await hook('authorize', { clientid: 'engine-1', action: 'delete', topic: 't' })).status,
    ).toBe(400);
    expect((await hook('authenticate', { username: 'engine-1' })).status).toBe(400);
  });
});
