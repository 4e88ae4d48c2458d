import type { MqttClient } from 'mqtt';
import { waitFor } from '@hourglass/testing-services';
import {
  closedWithin,
  collectPackets,
  connectFrame,
  frame,
  HostileBrokerFixture,
  liveMemory,
  type TestDevice,
} from './broker-hostile.fixture';

/** hostile-inputs.md B15 and B16: per-device publish rate and retained quota, default limits. */
describe('BrokerServer device quotas (B15, B16)', () => {
  let fx: HostileBrokerFixture;
  let service: MqttClient;
  let echo: () => Promise<number>;
  const routed = new Map<string, number>();

  beforeAll(async () => {
    fx = await HostileBrokerFixture.start();
    service = await fx.connectService();
    service.on('message', (topic) => routed.set(topic, (routed.get(topic) ?? 0) + 1));
    await service.subscribeAsync('devices/+/telemetry', { qos: 0 });
    echo = await fx.bystander('quota-bystander');
  }, 60_000);

  afterAll(async () => fx?.close(), 30_000);

  async function connected(who: TestDevice) {
    const socket = await fx.rawSocket();
    const packets = collectPackets(socket);
    socket.write(connectFrame(who.id, who));
    await waitFor(() => packets.some((p) => p.cmd === 'connack'), {
      timeoutMs: 5_000,
      what: 'CONNACK',
    });
    return socket;
  }

  async function throttledTotal(): Promise<number> {
    const metric = await fx.metrics.registry
      .getSingleMetric('hg_broker_publish_throttled_total')
      ?.get();
    return metric?.values[0]?.value ?? 0;
  }

  it('B15: a device publishing 1,000 msg/s is disconnected once 2 s behind its quota (20/s, burst 100); counted; others unaffected', async () => {
    const device = await fx.device('quota-flood');
    const topic = `devices/${device.id}/telemetry`;
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) baseline.push(await echo());
    const before = await fx.rejections('publish_rate');
    const socket = await connected(device);
    const t0 = Date.now();
    const message = frame({ cmd: 'publish', topic, payload: '{"n":1}', qos: 0 });
    const pace = setInterval(() => {
      for (let i = 0; i < 10 && !socket.destroyed; i++) socket.write(message);
    }, 10);
    // The bystander is measured while the flood lasts (< 1 s), every 20 ms: within its own burst.
    const during: number[] = [];
    const probing = (async () => {
      while (!socket.destroyed) {
        during.push(await echo());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    expect(await closedWithin(socket, 5_000)).toBe(true);
    clearInterval(pace);
    await probing;
    const seconds = (Date.now() - t0) / 1000;
    await waitFor(async () => (await fx.rejections('publish_rate')) === before + 1, {
      timeoutMs: 2_000,
      what: 'the publish_rate rejection',
    });
    const limits = fx.broker.limits;
    // Routed: at most the burst, the refill, and what waited within the allowed delay.
    const allowed =
      limits.publishBurst +
      limits.publishRatePerSecond * (seconds + limits.publishThrottleMaxDelaySeconds);
    expect(routed.get(topic) ?? 0).toBeLessThanOrEqual(allowed);
    expect(during.length).toBeGreaterThanOrEqual(5);
    // The median against the worst quiet round trip: single spikes on a shared machine are not the flood.
    const median = [...during].sort((a, b) => a - b)[Math.floor(during.length / 2)]!;
    expect(median).toBeLessThan(Math.max(...baseline) + 20);
    expect(Math.max(...during)).toBeLessThan(1_000);
  });

  it('B15: a device a little above its rate is throttled (PUBACKs slow to 20/s), not disconnected', async () => {
    const device = await fx.device('quota-eager');
    const client = await fx.connectDevice(device);
    const throttledBefore = await throttledTotal();
    let closed = false;
    client.on('close', () => (closed = true));
    const t0 = Date.now();
    // 150 sequential QoS 1 messages: 100 from the burst, then one per 50 ms.
    for (let i = 0; i < 150; i++)
      await client.publishAsync(`devices/${device.id}/telemetry`, '{}', { qos: 1 });
    const seconds = (Date.now() - t0) / 1000;
    expect(seconds).toBeGreaterThan(2);
    expect(closed).toBe(false);
    expect((await throttledTotal()) - throttledBefore).toBeGreaterThanOrEqual(45);
  });

  it('B16: a device offering 100k distinct retained topics is refused above its quota (32); memory bounded', async () => {
    const device = await fx.device('quota-retain');
    const memoryBefore = liveMemory();
    const before = await fx.rejections('retained_quota');
    const socket = await connected(device);
    let offered = 0;
    for (let i = 0; i < 100_000 && !socket.destroyed; i++) {
      const ok = socket.write(
        frame({
          cmd: 'publish',
          topic: `devices/${device.id}/r/${i}`,
          payload: 'x',
          qos: 0,
          retain: true,
        }),
      );
      offered++;
      if (!ok) await new Promise((r) => (socket.once('drain', r), socket.once('close', r)));
    }
    expect(await closedWithin(socket, 5_000)).toBe(true);
    await waitFor(async () => (await fx.rejections('retained_quota')) === before + 1, {
      timeoutMs: 2_000,
      what: 'the retained_quota rejection',
    });
    const retained: string[] = [];
    const persistence = (
      fx.broker.aedes as unknown as {
        persistence: { createRetainedStream(pattern: string): AsyncIterable<{ topic: string }> };
      }
    ).persistence;
    for await (const packet of persistence.createRetainedStream(`devices/${device.id}/r/#`))
      retained.push(packet.topic);
    expect(retained.length).toBe(fx.broker.limits.maxRetainedPerDevice);
    expect(offered).toBeGreaterThan(fx.broker.limits.maxRetainedPerDevice);
    expect(liveMemory() - memoryBefore).toBeLessThan(5 * 1024 * 1024);
  });
});
