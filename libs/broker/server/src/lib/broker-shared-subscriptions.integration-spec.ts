import type { Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import type mqttPacket from 'mqtt-packet';
import { startRedis, waitFor, type RedisServer } from '@hourglass/testing-services';
import {
  collectPackets,
  connectFrame,
  frame,
  HostileBrokerFixture,
  type TestDevice,
} from './broker-hostile.fixture';

const SERVICE = { username: 'svc-test', password: 'service-secret-123' };
const SHARED = '$share/ingest/devices/+/telemetry';

/** The granted codes of a SUBSCRIBE, refused ones (0x80) included (mqtt.js rejects on those). */
const grantedOf = (client: MqttClient, topic: string): Promise<number[]> =>
  client.subscribeAsync(topic, { qos: 1 }).then(
    (granted) => granted.map((g) => g.qos),
    (error: { packet?: { granted?: number[] } }) => error.packet?.granted ?? Promise.reject(error),
  );

/** hostile-inputs.md B20: `$share/<group>/<filter>` delivers each message to exactly one member. */
describe('BrokerServer shared subscriptions (B20)', () => {
  let fx: HostileBrokerFixture;
  let device: TestDevice;
  let publisher: MqttClient;
  let seq = 0;

  beforeAll(async () => {
    fx = await HostileBrokerFixture.start();
    device = await fx.device('share-dev');
    publisher = await fx.connectDevice(device);
  }, 60_000);

  afterAll(async () => fx?.close(), 30_000);

  const publish = async (n: number): Promise<string[]> => {
    const sent = Array.from({ length: n }, () => `m${++seq}`);
    for (const payload of sent)
      await publisher.publishAsync(`devices/${device.id}/telemetry`, payload, { qos: 1 });
    return sent;
  };

  async function member(clientId: string): Promise<{ client: MqttClient; got: string[] }> {
    const client = await mqtt.connectAsync(fx.broker.url, {
      clientId,
      ...SERVICE,
      reconnectPeriod: 0,
    });
    const got: string[] = [];
    client.on('message', (_topic, payload) => got.push(payload.toString()));
    const granted = await client.subscribeAsync(SHARED, { qos: 1 });
    expect(granted.map((g) => g.qos)).toEqual([1]);
    return { client, got };
  }

  /** A raw persistent member that never acknowledges: what it received stays in flight. */
  async function rawMember(
    clientId: string,
    subscribe?: string,
  ): Promise<{ socket: Socket; packets: mqttPacket.Packet[] }> {
    const socket = await fx.rawSocket();
    const packets = collectPackets(socket);
    socket.write(connectFrame(clientId, SERVICE, { clean: false }));
    await waitFor(() => packets.some((p) => p.cmd === 'connack'), {
      timeoutMs: 5_000,
      what: 'CONNACK',
    });
    if (subscribe) {
      socket.write(
        frame({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: subscribe, qos: 1 }] }),
      );
      await waitFor(() => packets.some((p) => p.cmd === 'suback'), {
        timeoutMs: 5_000,
        what: 'SUBACK',
      });
    }
    return { socket, packets };
  }

  const payloadsOf = (packets: mqttPacket.Packet[]) =>
    packets.flatMap((p) => (p.cmd === 'publish' ? [p.payload.toString()] : []));

  it('delivers each message to exactly one member, round-robin', async () => {
    const a = await member('svc-test-share-a');
    const b = await member('svc-test-share-b');
    const sent = await publish(20);
    await waitFor(() => a.got.length + b.got.length >= 20, {
      timeoutMs: 10_000,
      what: '20 messages delivered',
    });
    // Two markers, one per member: each member's earlier messages have arrived by its marker.
    const markers = await publish(2);
    await waitFor(() => markers.every((m) => a.got.includes(m) || b.got.includes(m)), {
      timeoutMs: 5_000,
      what: 'the markers',
    });
    await waitFor(
      () => a.got.some((m) => markers.includes(m)) && b.got.some((m) => markers.includes(m)),
      { timeoutMs: 5_000, what: 'a marker each' },
    );
    expect([...a.got, ...b.got].sort()).toEqual([...sent, ...markers].sort());
    expect(a.got.length).toBe(11);
    expect(b.got.length).toBe(11);
    await Promise.all([a.client.endAsync(), b.client.endAsync()]);
  });

  it('hands the messages a departed member left unacknowledged to another member', async () => {
    const raw = await rawMember('svc-test-share-raw', SHARED);
    const b = await member('svc-test-share-c');
    const sent = await publish(10);
    await waitFor(() => payloadsOf(raw.packets).length + b.got.length >= 10, {
      timeoutMs: 10_000,
      what: '10 messages delivered',
    });
    expect(payloadsOf(raw.packets).length).toBeGreaterThan(0);
    raw.socket.destroy();
    await waitFor(() => sent.every((m) => b.got.includes(m)), {
      timeoutMs: 10_000,
      what: 'every message at the remaining member',
    });
    await b.client.endAsync();
  });

  it('queues for a persistent member while no member is connected', async () => {
    // A group of its own: the member the previous test left away would get its share otherwise.
    const first = await rawMember('svc-test-share-away', '$share/alone/devices/+/telemetry');
    first.socket.end(frame({ cmd: 'disconnect' }));
    await waitFor(() => first.socket.destroyed || first.socket.readyState === 'closed', {
      timeoutMs: 5_000,
      what: 'the member gone',
    });
    const sent = await publish(5);
    const back = await rawMember('svc-test-share-away');
    await waitFor(() => sent.every((m) => payloadsOf(back.packets).includes(m)), {
      timeoutMs: 10_000,
      what: 'the queued messages',
    });
    back.socket.destroy();
  });

  it('answers SUBACK 0x80 to a malformed shared subscription and counts it', async () => {
    const client = await mqtt.connectAsync(fx.broker.url, {
      clientId: 'svc-test-share-bad',
      ...SERVICE,
      reconnectPeriod: 0,
    });
    const before = await fx.rejections('shared_subscription_refused');
    expect(await grantedOf(client, '$share/+/devices/+/telemetry')).toEqual([128]);
    expect(await fx.rejections('shared_subscription_refused')).toBe(before + 1);
    await client.endAsync();
  });
});

describe('BrokerServer shared subscriptions on Redis-clustered nodes (B20)', () => {
  let redis: RedisServer;
  let fx: HostileBrokerFixture;

  beforeAll(async () => {
    redis = await startRedis();
    fx = await HostileBrokerFixture.start({ redisUrl: redis.url });
  }, 120_000);

  afterAll(async () => {
    await fx?.close();
    await redis?.stop();
  }, 60_000);

  it('refuses the subscription with SUBACK 0x80, a log line and a counter', async () => {
    const client = await mqtt.connectAsync(fx.broker.url, {
      clientId: 'svc-test-share-cluster',
      ...SERVICE,
      reconnectPeriod: 0,
    });
    expect(await grantedOf(client, SHARED)).toEqual([128]);
    expect(await fx.rejections('shared_subscription_refused')).toBe(1);
    expect(fx.log.some((line) => line.includes('not supported on Redis-clustered'))).toBe(true);
    // The connection stays usable for its other subscriptions.
    expect(
      (await client.subscribeAsync('devices/+/telemetry', { qos: 1 })).map((g) => g.qos),
    ).toEqual([1]);
    await client.endAsync();
  });
});
