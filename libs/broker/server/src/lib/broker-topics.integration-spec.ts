import type { MqttClient } from 'mqtt';
import { waitFor } from '@hourglass/testing-services';
import {
  closedWithin,
  collectPackets,
  connectFrame,
  frame,
  HostileBrokerFixture,
  type TestDevice,
} from './broker-hostile.fixture';

/** hostile-inputs.md B6-B9: topics, Wills, the ACL and client-id takeover. */
describe('BrokerServer against hostile topics and identities (B6-B9)', () => {
  let fx: HostileBrokerFixture;
  let device: TestDevice;
  let other: TestDevice;
  let service: MqttClient;
  const routed: string[] = [];

  beforeAll(async () => {
    fx = await HostileBrokerFixture.start();
    device = await fx.device('topic-dev-a');
    other = await fx.device('topic-dev-b');
    service = await fx.connectService();
    service.on('message', (topic) => routed.push(topic));
    await service.subscribeAsync(['devices/+/telemetry', 'devices/+/status'], { qos: 1 });
  }, 60_000);

  afterAll(async () => fx?.close(), 30_000);

  /** Connects the device on a raw socket, sends `packet`; expects the socket closed and `reason` counted. */
  async function expectPublishClosed(
    packet: Buffer,
    reason: string,
    who: TestDevice = device,
  ): Promise<void> {
    const before = await fx.rejections(reason);
    const socket = await fx.rawSocket();
    const received = collectPackets(socket);
    socket.write(connectFrame(who.id, who));
    await waitFor(() => received.some((p) => p.cmd === 'connack'), {
      timeoutMs: 5_000,
      what: 'CONNACK',
    });
    socket.write(packet);
    expect(await closedWithin(socket, 2_000)).toBe(true);
    await waitFor(async () => (await fx.rejections(reason)) > before, {
      timeoutMs: 2_000,
      what: `a ${reason} rejection`,
    });
  }

  const publish = (topic: string | Buffer) => {
    if (typeof topic === 'string') return frame({ cmd: 'publish', topic, payload: 'x', qos: 0 });
    // A topic given as raw bytes (possibly invalid UTF-8): PUBLISH QoS 0 written by hand.
    const body = Buffer.concat([
      Buffer.from([topic.length >> 8, topic.length & 0xff]),
      topic,
      Buffer.from('x'),
    ]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  };

  it('B6: closes on PUBLISH to a wildcard, empty, $SYS, too deep or too long topic; nothing routed', async () => {
    const prefix = `devices/${device.id}`;
    await expectPublishClosed(publish(`${prefix}/+/telemetry`), 'topic_invalid');
    await expectPublishClosed(publish(`${prefix}/#`), 'topic_invalid');
    await expectPublishClosed(publish(''), 'topic_invalid');
    await expectPublishClosed(publish('$SYS/broker/uptime'), 'publish_denied');
    await expectPublishClosed(
      publish(`${prefix}/${new Array(15).fill('l').join('/')}`),
      'topic_invalid',
    ); // 17 levels
    await expectPublishClosed(publish(`${prefix}/${'x'.repeat(1024)}`), 'topic_invalid');
    // A valid telemetry message afterwards is the first and only thing the service sees.
    const client = await fx.connectDevice(device);
    await client.publishAsync(`${prefix}/telemetry`, '{}', { qos: 1 });
    await waitFor(() => routed.includes(`${prefix}/telemetry`), {
      timeoutMs: 5_000,
      what: 'the valid message',
    });
    expect(routed.filter((t) => t.startsWith(prefix) && t !== `${prefix}/status`)).toEqual([
      `${prefix}/telemetry`,
    ]);
    await client.endAsync();
  });

  it('B7: closes on invalid UTF-8 or U+0000 in a topic, and on a Will topic with a wildcard', async () => {
    const prefix = Buffer.from(`devices/${device.id}/`);
    await expectPublishClosed(
      publish(Buffer.concat([prefix, Buffer.from([0xc3, 0x28])])),
      'topic_invalid',
    );
    await expectPublishClosed(
      publish(Buffer.concat([prefix, Buffer.from([0xed, 0xa0, 0x80])])),
      'topic_invalid',
    ); // a surrogate
    await expectPublishClosed(publish(`devices/${device.id}/a\u0000b`), 'topic_invalid');
    const before = await fx.rejections('will_invalid');
    const socket = await fx.rawSocket();
    socket.write(
      connectFrame(device.id, device, {
        will: { topic: `devices/${device.id}/#`, payload: Buffer.from('x'), qos: 0, retain: false },
      }),
    );
    expect(await closedWithin(socket, 2_000)).toBe(true);
    expect(await fx.rejections('will_invalid')).toBe(before + 1);
  });

  it('B8: closes device A publishing under device B or subscribing to B, with an audit line', async () => {
    await expectPublishClosed(publish(`devices/${other.id}/telemetry`), 'publish_denied');
    await expectPublishClosed(
      frame({
        cmd: 'subscribe',
        messageId: 1,
        subscriptions: [{ topic: `devices/${other.id}/#`, qos: 0 }],
      }),
      'subscribe_denied',
    );
    await expectPublishClosed(
      frame({
        cmd: 'subscribe',
        messageId: 1,
        subscriptions: [{ topic: 'devices/+/telemetry', qos: 0 }],
      }),
      'subscribe_denied',
    );
    expect(fx.log).toContain(
      `audit: publish denied client=${device.id} topic="devices/${other.id}/telemetry"`,
    );
    expect(fx.log).toContain(
      `audit: subscribe denied client=${device.id} filter="devices/${other.id}/#"`,
    );
    expect(routed).not.toContain(`devices/${other.id}/telemetry`);
  });

  it('B9: refuses a second CONNECT with the same client id and other credentials; the session stays up', async () => {
    const legit = await fx.connectDevice(other);
    let closed = false;
    legit.on('close', () => (closed = true));
    const before = await fx.rejections('bad_credentials');
    const socket = await fx.rawSocket();
    const received = collectPackets(socket);
    socket.write(connectFrame(other.id, { username: other.id, password: 'not-the-password' }));
    expect(await closedWithin(socket, 5_000)).toBe(true);
    expect(received.find((p) => p.cmd === 'connack')).toMatchObject({ returnCode: 4 });
    expect(await fx.rejections('bad_credentials')).toBe(before + 1);
    // Device A's own credentials with B's client id: refused too.
    const takeover = await fx.rawSocket();
    const answer = collectPackets(takeover);
    takeover.write(connectFrame(other.id, device));
    expect(await closedWithin(takeover, 5_000)).toBe(true);
    expect(answer.find((p) => p.cmd === 'connack')).toMatchObject({ returnCode: 2 });
    await legit.publishAsync(`devices/${other.id}/telemetry`, '{}', { qos: 1 });
    expect(closed).toBe(false);
  });
});
