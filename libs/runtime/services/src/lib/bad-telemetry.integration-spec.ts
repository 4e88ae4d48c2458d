import { rmSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { DeadLetterRepository } from '@hourglass/telemetry-ingest';
import { waitFor } from '@hourglass/testing-services';
import type { BrokerServer } from '@hourglass/broker-server';
import { startBroker } from './broker.runner';
import { startIngest, type RunningIngest } from './ingest.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

/** Broker + ingest on the embedded stores: hostile telemetry is refused, counted, and never stored. */
describe('bad telemetry through the broker and ingest', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let ingest: RunningIngest;
  let dataDir: string;
  const clients: MqttClient[] = [];

  const device = async (id: string) => {
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, { id, type: 'turbofan' });
    const client = await mqtt.connectAsync(broker.url, {
      clientId: id,
      ...credentials,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };
  const counter = async (name: string, reason: string) => {
    const metric = await ctx.metrics.registry.getSingleMetric(name)?.get();
    return metric?.values.find((v) => v.labels['reason'] === reason)?.value ?? 0;
  };
  const stored = (deviceId: string) =>
    ctx.telemetry.query(deviceId, { from: 0, to: Date.now() + 600_000 });
  /**
   * Publishes a valid marker after whatever was sent before on `client` and waits until it is stored,
   * so anything sent earlier had every chance to be written; returns what is stored for the device.
   */
  const afterMarker = async (client: MqttClient, deviceId: string) => {
    const marker = { ts: Date.now(), seq: 999, metrics: { marker: 1 }, state: 'RUN' };
    await client.publishAsync(`devices/${deviceId}/telemetry`, JSON.stringify(marker), { qos: 1 });
    await waitFor(async () => (await stored(deviceId)).some((s) => s.seq === marker.seq), {
      timeoutMs: 10_000,
      what: `the marker of ${deviceId} stored`,
    });
    return { marker, samples: await stored(deviceId) };
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-bad-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_INGEST_FLUSH_MS: '20' }),
      () => undefined,
    );
    broker = await startBroker(ctx, 0);
    ingest = await startIngest(ctx, broker.url);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await ingest?.stop();
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('rejects invalid JSON and non-finite numbers with a counted reason and writes nothing', async () => {
    const client = await device('bad-1');
    const now = Date.now();
    await client.publishAsync('devices/bad-1/telemetry', '{"ts": 1, "metrics": {', { qos: 1 });
    await client.publishAsync(
      'devices/bad-1/telemetry',
      `{"ts": ${now}, "metrics": {"t": 1e400}}`,
      { qos: 1 },
    );
    await client.publishAsync('devices/bad-1/telemetry', `{"ts": ${now}, "metrics": {"t": NaN}}`, {
      qos: 1,
    });
    await waitFor(async () => (await new DeadLetterRepository(ctx.db).list()).length >= 3, {
      timeoutMs: 10_000,
      what: 'three dead letters',
    });
    expect(await counter('hg_ingest_rejected_total', 'invalid_json')).toBe(2);
    expect(await counter('hg_ingest_rejected_total', 'non_finite')).toBe(1);
    const letters = await new DeadLetterRepository(ctx.db).list();
    expect(letters.map((l) => l.reason).sort()).toEqual([
      'invalid_json',
      'invalid_json',
      'non_finite',
    ]);
    const { marker, samples } = await afterMarker(client, 'bad-1');
    expect(samples).toEqual([marker]);
  });

  it('stores a valid message that follows the bad ones', async () => {
    const client = await device('good-1');
    const ts = Date.now();
    await client.publishAsync(
      'devices/good-1/telemetry',
      JSON.stringify({ ts, seq: 1, metrics: { t: 21.5 }, state: 'RUN' }),
      { qos: 1 },
    );
    await waitFor(async () => (await stored('good-1')).length === 1, {
      timeoutMs: 10_000,
      what: 'the valid sample stored',
    });
    expect(await stored('good-1')).toEqual([{ ts, seq: 1, state: 'RUN', metrics: { t: 21.5 } }]);
  });

  it('refuses a device publishing under another device topic, counts it, and routes nothing', async () => {
    const attacker = await device('spoof-1');
    const victim = await device('victim-1');
    const before = await counter('hg_broker_rejections_total', 'publish_denied');
    const closed = new Promise<void>((resolve) => attacker.once('close', () => resolve()));
    attacker.publish(
      'devices/victim-1/telemetry',
      JSON.stringify({ ts: Date.now(), metrics: { t: 1 } }),
      { qos: 1 },
    );
    await closed; // aedes closes the connection of a client whose publish is not authorized
    expect(await counter('hg_broker_rejections_total', 'publish_denied')).toBe(before + 1);
    // The victim's own marker, sent after the refusal, stored: a wrongly routed message would be too.
    const { marker, samples } = await afterMarker(victim, 'victim-1');
    expect(samples).toEqual([marker]);
  });

  it('refuses a connection whose client id is not its device id', async () => {
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'owner-1',
      type: 'turbofan',
    });
    await expect(
      mqtt.connectAsync(broker.url, {
        clientId: 'someone-else',
        ...credentials,
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow(/Identifier rejected|client_id_mismatch|Connection refused/i);
    expect(await counter('hg_broker_rejections_total', 'client_id_mismatch')).toBe(1);
  });
});
