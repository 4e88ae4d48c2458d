import { rmSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  DeadLetterRepository,
  decodeSparkplugPayload,
  encodeSparkplugPayload,
  type SparkplugMetricInput,
} from '@hourglass/telemetry-ingest';
import { waitFor } from '@hourglass/testing-services';
import { migratedDataDir } from '@hourglass/testing-sql';
import { startBroker } from './broker.runner';
import { createInProcessIngest } from './ingest.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { brokerSparkplugPublisher } from './sparkplug.adapters';

/**
 * A simulated Sparkplug B edge node (MQTT.js + sparkplug-payload) against the embedded broker with
 * ingest in its process, on the embedded stores: a PUBACK means the samples and dead letters are stored.
 */
describe('Sparkplug B ingest through the embedded broker', () => {
  let ctx: RuntimeContext;
  let ingest: Awaited<ReturnType<typeof createInProcessIngest>>;
  let broker: BrokerServer;
  let edge: MqttClient;
  let watcher: MqttClient;
  let dataDir: string;
  let credentials: { username: string; password: string };
  const statuses: Array<[string, string]> = [];
  const commands: Buffer[] = [];
  let seq = 0;
  const G = 'spBv1.0/acme';

  const send = (
    type: string,
    metrics: SparkplugMetricInput[],
    options: { seq?: number; timestamp?: number } = {},
  ) => {
    const payload = encodeSparkplugPayload({
      timestamp: options.timestamp ?? Date.now(),
      seq: options.seq ?? seq++ % 256,
      metrics,
    });
    const [kind, device] = type.split(':');
    return edge.publishAsync(`${G}/${kind}/gw-1${device ? `/${device}` : ''}`, payload, {
      qos: 1,
    });
  };
  const birth = async () => {
    seq = 0;
    await send('NBIRTH', [
      { name: 'bdSeq', type: 'UInt64', value: 0 },
      { name: 'Node Metrics/Uptime', alias: 1, type: 'Double', value: 5 },
    ]);
    await send('DBIRTH:pump-1', [
      { name: 'Inputs/Temp', alias: 10, type: 'Double', value: 20 },
      { name: 'Running', alias: 11, type: 'Boolean', value: true },
      { name: 'Model', alias: 12, type: 'String', value: 'P-100' },
    ]);
  };
  const stored = (deviceId: string) =>
    ctx.telemetry.query(deviceId, { from: 0, to: Date.now() + 600_000 });
  const letters = (reason: string) => new DeadLetterRepository(ctx.db).list({ reason });
  const rejected = async (name: string, reason: string) => {
    const metric = await ctx.metrics.registry.getSingleMetric(name)?.get();
    return metric?.values.find((v) => v.labels['reason'] === reason)?.value ?? 0;
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-spb-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_INGEST_FLUSH_MS: '20' }),
      () => undefined,
    );
    ingest = await createInProcessIngest(ctx);
    broker = await startBroker(ctx, 0, ingest.beforeAck);
    ingest.sparkplug.attach(brokerSparkplugPublisher(broker));
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    ({ credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'gw-1',
      type: 'gateway',
      tenantId: 'acme',
    }));
    await registry.provision(PROVIDER_SCOPE, { id: 'pump-1', type: 'pump', tenantId: 'acme' });
    await registry.provision(PROVIDER_SCOPE, { id: 'pump-9', type: 'pump', tenantId: 'other' });
    watcher = await mqtt.connectAsync(broker.url, {
      clientId: 'svc-alerts-spb',
      username: 'svc-alerts',
      password: ctx.serviceSecret('svc-alerts'),
    });
    watcher.on('message', (topic, payload) => statuses.push([topic, payload.toString()]));
    await watcher.subscribeAsync('devices/+/status', { qos: 1 });
    edge = await mqtt.connectAsync(broker.url, {
      clientId: 'gw-1',
      ...credentials,
      reconnectPeriod: 0,
      will: {
        topic: `${G}/NDEATH/gw-1`,
        payload: encodeSparkplugPayload({ metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }),
        qos: 1,
        retain: false,
      },
    });
    edge.on('message', (_topic, payload) => commands.push(payload));
    await edge.subscribeAsync(`${G}/NCMD/gw-1`, { qos: 1 });
  }, 180_000);

  afterAll(async () => {
    await edge?.endAsync(true);
    await watcher?.endAsync(true);
    await broker?.close();
    await ingest?.stop();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('stores NBIRTH and DBIRTH values, then DDATA by alias, under the registered devices', async () => {
    await birth();
    await send('DDATA:pump-1', [
      { alias: 10, type: 'Double', value: 42.5 },
      { alias: 11, type: 'Boolean', value: false },
    ]);
    // The PUBACK is the promise that the samples are durable: no waiting.
    const pump = await stored('pump-1');
    expect(pump.map((s) => s.metrics)).toEqual([
      { 'Inputs.Temp': 20, Running: 1 },
      { 'Inputs.Temp': 42.5, Running: 0 },
    ]);
    expect((await stored('gw-1')).map((s) => s.metrics)).toEqual([{ 'Node_Metrics.Uptime': 5 }]);
    await waitFor(
      () => statuses.some(([t, p]) => t === 'devices/pump-1/status' && p === 'online'),
      {
        timeoutMs: 5_000,
        what: 'pump-1 online',
      },
    );
  });

  it('takes a gateway speaking for its devices above the per-device publish quota', async () => {
    const before = (await stored('pump-1')).length;
    // Timestamped a minute back: the later tests read pump-1's newest sample as their own.
    const t0 = Date.now() - 60_000;
    // 300 at once: three times a device's burst (100), fifteen seconds of its rate (20/s). One
    // bucket per connection would hold the 160th past the 2 s limit and close the edge node.
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        send('DDATA:pump-1', [{ alias: 10, type: 'Double', value: 1000 + i }], {
          timestamp: t0 + i,
        }),
      ),
    );
    expect(edge.connected).toBe(true);
    expect((await stored('pump-1')).length).toBe(before + 300);
  });

  it('answers a seq gap with an NCMD rebirth request and dead-letters the message', async () => {
    const before = await rejected('hg_ingest_rejected_total', 'sparkplug_seq_gap');
    await send('DDATA:pump-1', [{ alias: 10, type: 'Double', value: 99 }], {
      seq: (seq + 3) % 256,
    });
    await waitFor(() => commands.length > 0, { timeoutMs: 5_000, what: 'an NCMD' });
    expect(decodeSparkplugPayload(commands[0]).metrics).toMatchObject([
      { name: 'Node Control/Rebirth', type: 'Boolean', value: true },
    ]);
    expect(await rejected('hg_ingest_rejected_total', 'sparkplug_seq_gap')).toBe(before + 1);
    expect((await letters('sparkplug_seq_gap'))[0]).toMatchObject({
      deviceId: 'pump-1',
      topic: `${G}/DDATA/gw-1/pump-1`,
    });
    expect((await stored('pump-1')).some((s) => s.metrics['Inputs.Temp'] === 99)).toBe(false);
    await birth(); // the edge node's answer to the rebirth request
  });

  it('dead-letters a payload that is not protobuf and an alias no birth defined, with counters', async () => {
    const bad = await rejected('hg_ingest_rejected_total', 'sparkplug_invalid_payload');
    const alias = await rejected('hg_ingest_rejected_total', 'sparkplug_unknown_alias');
    await edge.publishAsync(`${G}/DDATA/gw-1/pump-1`, Buffer.from('not protobuf at all'), {
      qos: 1,
    });
    await send('DDATA:pump-1', [
      { alias: 77, type: 'Double', value: 1 },
      { alias: 10, type: 'Double', value: 7 },
    ]);
    expect(await rejected('hg_ingest_rejected_total', 'sparkplug_invalid_payload')).toBe(bad + 1);
    expect(await rejected('hg_ingest_rejected_total', 'sparkplug_unknown_alias')).toBe(alias + 1);
    expect((await letters('sparkplug_invalid_payload'))[0]?.payload).toBe(
      `base64:${Buffer.from('not protobuf at all').toString('base64')}`,
    );
    expect((await letters('sparkplug_unknown_alias'))[0]?.detail).toContain('alias 77');
    expect((await stored('pump-1')).at(-1)?.metrics).toEqual({ 'Inputs.Temp': 7 });
  });

  it('refuses a device of another tenant named in a DBIRTH', async () => {
    await send('DBIRTH:pump-9', [{ name: 'Inputs/Temp', alias: 10, type: 'Double', value: 1 }]);
    // Listed to the edge node's tenant, not to the tenant owning pump-9.
    expect((await letters('sparkplug_unknown_device'))[0]).toMatchObject({
      deviceId: 'gw-1',
      detail: 'device pump-9 is not a registered device of tenant acme',
    });
    expect(await stored('pump-9')).toEqual([]);
  });

  it('marks a device offline at DDEATH', async () => {
    await send('DDEATH:pump-1', []);
    await waitFor(
      () => statuses.some(([t, p]) => t === 'devices/pump-1/status' && p === 'offline'),
      { timeoutMs: 5_000, what: 'pump-1 offline' },
    );
  });

  it("closes an edge node publishing under another tenant's group, storing nothing", async () => {
    const denied = await rejected('hg_broker_rejections_total', 'publish_denied');
    const closed = new Promise<void>((resolve) => edge.once('close', () => resolve()));
    edge.publish(
      'spBv1.0/other/NBIRTH/gw-1',
      encodeSparkplugPayload({ seq: 0, metrics: [{ name: 'x', type: 'Double', value: 1 }] }),
      { qos: 1 },
    );
    await closed;
    expect(await rejected('hg_broker_rejections_total', 'publish_denied')).toBe(denied + 1);
    expect((await stored('gw-1')).some((s) => s.metrics['x'] !== undefined)).toBe(false);
  });
});
