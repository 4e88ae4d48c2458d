import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { startRedis, waitFor, type RedisServer } from '@hourglass/testing-services';
import { BrokerServer } from './broker.server';
import { staticAuthenticator, type StaticDevice } from './static-authenticator.fixture';

const REPO = resolve(__dirname, '../../../../..');
const HEARTBEAT_MS = 500;
// dev-a and dev-c belong to tenant A; dev-b, the target, to tenant B.
const devices: StaticDevice[] = [
  { id: 'dev-a', tenantId: 'tenant-a', password: 'secret-a' },
  { id: 'dev-c', tenantId: 'tenant-a', password: 'secret-c' },
  { id: 'dev-planted', tenantId: 'tenant-a', password: 'secret-p' },
  { id: 'dev-b', tenantId: 'tenant-b', password: 'secret-b' },
];
const credentials = (id: string) => ({
  clientId: id,
  username: id,
  password: devices.find((d) => d.id === id)!.password,
  reconnectPeriod: 0,
});

/** Node A in a child process (so it can die without a goodbye), started after node B has seen its birth. */
function startNodeA(
  redisUrl: string,
  plantedWill: object,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    '/usr/bin/setpriv',
    [
      '--pdeathsig',
      'KILL',
      '--',
      process.execPath,
      'tools/run.js',
      'libs/broker/server/src/lib/broker-node-process.fixture.ts',
    ],
    {
      cwd: REPO,
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_REDIS_URL: redisUrl,
        NODE_HEARTBEAT_MS: String(HEARTBEAT_MS),
        NODE_DEVICES: JSON.stringify(devices),
        NODE_PLANT_WILL: JSON.stringify(plantedWill),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`node A did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        ok({ child, url: `mqtt://127.0.0.1:${ready[1]}` });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(new Error(`node A exited (${code}): ${output}`)));
  });
}

/**
 * hostile-inputs.md B18: a Will outside `devices/{own id}/` is refused at CONNECT, and when the
 * node holding a connection dies, no other node publishes a stored Will outside its owner's topics.
 */
describe('BrokerServer Wills in a Redis cluster (B18)', () => {
  let redis: RedisServer;
  let nodeB: BrokerServer;
  let metricsB: MetricsRegistry;
  let nodeA: { child: ChildProcess; url: string };
  const clients: MqttClient[] = [];
  const commandsToB: string[] = [];
  const statuses: string[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    metricsB = new MetricsRegistry({ defaultMetrics: false });
    const services = [
      {
        name: 'svc-watch',
        password: 'watch-secret-123',
        publish: [],
        subscribe: ['devices/+/status'],
      },
    ];
    nodeB = await BrokerServer.start(
      { auth: staticAuthenticator(devices), metrics: metricsB },
      { port: 0, services, redisUrl: redis.url, heartbeatIntervalMs: HEARTBEAT_MS },
    );
    // A Will stored in Redis without the CONNECT check (as by a node of an older release).
    nodeA = await startNodeA(redis.url, {
      clientId: 'dev-planted',
      topic: 'devices/dev-b/commands/replace',
      payload: '{"taskId":"forged-planted"}',
    });
    const target = await mqtt.connectAsync(nodeB.url, credentials('dev-b'));
    const watcher = await mqtt.connectAsync(nodeB.url, {
      clientId: 'svc-watch',
      username: 'svc-watch',
      password: 'watch-secret-123',
      reconnectPeriod: 0,
    });
    clients.push(target, watcher);
    target.on('message', (topic, payload) => commandsToB.push(`${topic} ${payload.toString()}`));
    watcher.on('message', (topic, payload) => statuses.push(`${topic} ${payload.toString()}`));
    await target.subscribeAsync('devices/dev-b/commands/#', { qos: 1 });
    await watcher.subscribeAsync('devices/+/status', { qos: 1 });
  }, 120_000);

  afterAll(async () => {
    nodeA?.child.kill('SIGKILL');
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await nodeB?.close();
    await redis?.stop();
  }, 60_000);

  it('refuses at CONNECT (CONNACK 5) a Will of a tenant A device aimed at a tenant B device', async () => {
    const refusal = await mqtt
      .connectAsync(nodeA.url, {
        ...credentials('dev-a'),
        will: {
          topic: 'devices/dev-b/commands/replace',
          payload: Buffer.from('{"taskId":"forged-connect"}'),
          qos: 1,
          retain: false,
        },
      })
      .then((c) => (clients.push(c), 'connected'))
      .catch((error: Error & { code?: number }) => error.code);
    expect(refusal).toBe(5);
  }, 30_000);

  it("after node A is killed, node B publishes its devices' own Wills and never one aimed at another device", async () => {
    const own = await mqtt.connectAsync(nodeA.url, {
      ...credentials('dev-c'),
      will: { topic: 'devices/dev-c/status', payload: Buffer.from('lost'), qos: 1, retain: false },
    });
    own.on('error', () => undefined);
    clients.push(own);
    nodeA.child.kill('SIGKILL');
    await waitFor(() => statuses.includes('devices/dev-c/status lost'), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: "dev-c's Will published by node B",
    });
    // Every stored Will of node A was taken in the same round; give one more round for stragglers.
    await new Promise((r) => setTimeout(r, 6 * HEARTBEAT_MS));
    expect(commandsToB).toEqual([]);
    const rejected = await metricsB.registry.getSingleMetric('hg_broker_rejections_total')?.get();
    // Counted once: the refused Will is deleted, not offered again every round.
    expect(rejected?.values.find((v) => v.labels['reason'] === 'will_denied')?.value).toBe(1);
    expect(nodeB.healthy()).toBe(true);
  }, 60_000);
});
