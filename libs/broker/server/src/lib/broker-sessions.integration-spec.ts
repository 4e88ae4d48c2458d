import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import Redis from 'ioredis';
import { startRedis, waitFor, type RedisServer } from '@hourglass/testing-services';
import {
  closedWithin,
  collectPackets,
  connectFrame,
  frame,
  HostileBrokerFixture,
  liveMemory,
  type TestDevice,
} from './broker-hostile.fixture';

/**
 * hostile-inputs.md B13, B14 and B17: QoS 2 in-flight, slow subscribers, abandoned sessions.
 * The broker shares sessions through a real Redis (as a cluster node does), so that B17 can count
 * keys. The publish quota is raised here: these rows are about what a connection holds, not its rate.
 */
describe('BrokerServer against held sessions (B13, B14, B17)', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  let fx: HostileBrokerFixture;
  let device: TestDevice;

  beforeAll(async () => {
    redisServer = await startRedis();
    redis = new Redis(redisServer.url);
    fx = await HostileBrokerFixture.start({
      redisUrl: redisServer.url,
      limits: { publishRatePerSecond: 100_000, publishBurst: 100_000, sessionExpirySeconds: 2 },
    });
    device = await fx.device('session-dev-1');
  }, 120_000);

  afterAll(async () => {
    await fx?.close();
    redis?.disconnect();
    await redisServer?.stop();
  }, 60_000);

  async function connected(who: TestDevice, extra: Record<string, unknown> = {}): Promise<Socket> {
    const socket = await fx.rawSocket();
    const packets = collectPackets(socket);
    socket.write(connectFrame(who.id, who, extra));
    await waitFor(() => packets.some((p) => p.cmd === 'connack'), {
      timeoutMs: 5_000,
      what: 'CONNACK',
    });
    expect(packets[0]).toMatchObject({ cmd: 'connack', returnCode: 0 });
    return socket;
  }

  /** Connects, offers `count` QoS 2 PUBLISHes with fresh ids and never a PUBREL; resolves once closed. */
  async function holdQos2(count: number): Promise<void> {
    const socket = await connected(device);
    const topic = `devices/${device.id}/telemetry`;
    for (let id = 1; id <= count && !socket.destroyed; id++) {
      const ok = socket.write(
        frame({ cmd: 'publish', topic, payload: 'x', qos: 2, messageId: ((id - 1) % 65_535) + 1 }),
      );
      if (!ok) await new Promise((r) => (socket.once('drain', r), socket.once('close', r)));
    }
    expect(await closedWithin(socket, 5_000)).toBe(true);
  }

  it('B13: closes a client holding back PUBREL at the QoS 2 in-flight limit (70k fresh ids offered) and frees what it held', async () => {
    await holdQos2(1_000); // warm-up, so that memory measures what stays
    await waitFor(async () => (await redis.keys('incoming:*')).length === 0, {
      timeoutMs: 5_000,
      what: 'warm-up state removed',
    });
    const memoryBefore = liveMemory();
    const before = await fx.rejections('qos2_inflight');
    await holdQos2(70_000);
    await waitFor(async () => (await fx.rejections('qos2_inflight')) === before + 1, {
      timeoutMs: 5_000,
      what: 'one in-flight rejection',
    });
    // A clean session's stored QoS 2 packets go with it [MQTT-3.1.2-6].
    await waitFor(async () => (await redis.keys('incoming:*')).length === 0, {
      timeoutMs: 5_000,
      what: 'incoming QoS 2 state removed',
    });
    expect(liveMemory() - memoryBefore).toBeLessThan(5 * 1024 * 1024);
  }, 60_000);

  it('B14: drops a subscriber that stops reading within the drain timeout (10 s); another subscriber stalls no longer', async () => {
    const slowDevice = await fx.device('session-slow');
    const fastDevice = await fx.device('session-fast');
    const slow = await connected(slowDevice);
    slow.write(
      frame({
        cmd: 'subscribe',
        messageId: 1,
        subscriptions: [{ topic: `devices/${slowDevice.id}/commands/#`, qos: 0 }],
      }),
    );
    const fast = await fx.connectDevice(fastDevice);
    const arrivals: number[] = [];
    fast.on('message', () => arrivals.push(Date.now()));
    await fast.subscribeAsync(`devices/${fastDevice.id}/commands/#`, { qos: 0 });
    await new Promise((r) => setTimeout(r, 100)); // the SUBACK of the raw socket is read before it stops
    slow.pause();
    const before = await fx.rejections('drain_timeout');
    const service = await fx.connectService();
    const big = Buffer.alloc(64 * 1024, 0x61);
    const t0 = Date.now();
    let publishing = true;
    const publisher = (async () => {
      while (publishing) {
        await service.publishAsync(`devices/${slowDevice.id}/commands/load`, big, { qos: 0 });
        await service.publishAsync(`devices/${fastDevice.id}/commands/tick`, 'x', { qos: 0 });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await waitFor(async () => (await fx.rejections('drain_timeout')) > before, {
      timeoutMs: 15_000,
      what: 'the slow subscriber dropped',
    });
    const droppedAfter = Date.now() - t0;
    const stalledUntil = arrivals.length;
    await waitFor(() => arrivals.length > stalledUntil + 20, {
      timeoutMs: 5_000,
      what: 'the fast subscriber receiving again',
    });
    publishing = false;
    await publisher;
    expect(droppedAfter).toBeLessThan(13_000);
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
    expect(Math.max(...gaps)).toBeLessThan(11_000);
    expect(
      (fx.broker.aedes as unknown as { clients: Record<string, unknown> }).clients[slowDevice.id],
    ).toBeUndefined();
  }, 40_000);

  it('B17: 10k random clean=false sessions are refused before anything is stored; 200 real ones that subscribe and vanish expire; Redis keys and memory bounded', async () => {
    // Provisioned first: the embedded database's WASM memory grows with rows and never shrinks.
    const devices = await Promise.all(
      Array.from({ length: 200 }, (_, i) => fx.device(`session-gone-${i}`)),
    );
    const keysBefore = await redis.dbsize(); // the retained hash (statuses of earlier tests)
    const memoryBefore = liveMemory();
    // 10,000 random client ids, 200 from each of 50 loopback addresses (the per-IP burst).
    for (let batch = 0; batch < 50; batch++) {
      const sockets = await Promise.all(
        Array.from({ length: 200 }, () => fx.rawSocket(`127.0.5.${batch + 1}`)),
      );
      for (const s of sockets)
        s.write(
          connectFrame(randomUUID(), { username: randomUUID(), password: 'x' }, { clean: false }),
        );
      await Promise.all(sockets.map((s) => closedWithin(s, 10_000)));
    }
    expect(await redis.dbsize()).toBe(keysBefore);
    // 200 provisioned devices (reduced from 10k: provisioning is the slow part) subscribe with clean=false and vanish.
    for (const d of devices) {
      const socket = await connected(d, { clean: false });
      socket.write(
        frame({
          cmd: 'subscribe',
          messageId: 1,
          subscriptions: [{ topic: `devices/${d.id}/commands/#`, qos: 1 }],
        }),
      );
      await new Promise((r) => setTimeout(r, 2));
      socket.destroy();
    }
    await waitFor(async () => (await redis.dbsize()) > keysBefore, {
      timeoutMs: 5_000,
      what: 'sessions stored',
    });
    // aedes-persistence-redis keeps a session's subscriptions in `client:<id>`.
    await waitFor(async () => (await redis.keys('client:session-gone-*')).length === 0, {
      timeoutMs: 15_000,
      what: 'every session expired',
    });
    // What stays is the retained store (one hash, the devices' status in it): no session state.
    // (and the Will of the one device still connected from B14).
    const left = (await redis.keys('*')).filter(
      (k) => k !== 'retained' && k !== 'will' && !k.endsWith(':session-fast'),
    );
    expect(left).toEqual([]);
    expect(liveMemory() - memoryBefore).toBeLessThan(5 * 1024 * 1024);
  }, 90_000);
});
