import { randomBytes } from 'node:crypto';
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

/** hostile-inputs.md B1-B5: malformed and out-of-order frames on raw sockets. */
describe('BrokerServer against malformed frames (B1-B5)', () => {
  let fx: HostileBrokerFixture;
  let device: TestDevice;
  let echo: () => Promise<number>;

  beforeAll(async () => {
    // The default 10 s connect timeout: every close here must come from the parser, well before it.
    fx = await HostileBrokerFixture.start();
    device = await fx.device('frame-dev-1');
    echo = await fx.bystander('frame-bystander');
  }, 60_000);

  afterAll(async () => {
    await echo();
    await fx?.close();
  }, 30_000);

  /** Sends `bytes` on a fresh socket; expects it closed promptly and the broker still serving others. */
  async function expectClosed(bytes: Buffer, reason: string): Promise<void> {
    const before = await fx.rejections(reason);
    const socket = await fx.rawSocket();
    socket.write(bytes);
    expect(await closedWithin(socket, 2_000)).toBe(true);
    await waitFor(async () => (await fx.rejections(reason)) > before, {
      timeoutMs: 2_000,
      what: `a ${reason} rejection`,
    });
    await echo();
  }

  it('B1: closes on random bytes (20 sockets), reserved packet types 0 and 15, and a QoS 3 PUBLISH', async () => {
    // Random bodies in a complete CONNECT frame: the parser must reject them, not the connect timeout.
    const before = await fx.rejections('malformed_packet');
    const sockets = await Promise.all(Array.from({ length: 20 }, () => fx.rawSocket()));
    sockets.forEach((socket, i) => {
      const body = randomBytes(32 + i * 4);
      socket.write(Buffer.concat([Buffer.from([0x10, body.length]), body]));
    });
    const closed = await Promise.all(sockets.map((socket) => closedWithin(socket, 1_000)));
    expect(closed.every(Boolean)).toBe(true);
    // Closed within 1 s above (the parser, not the 10 s connect timeout); the count may take a moment
    // longer on a loaded machine. At least the 20: one clean-clone run timed out on `=== + 20` in 1 s.
    await waitFor(async () => (await fx.rejections('malformed_packet')) >= before + 20, {
      timeoutMs: 5_000,
      what: '20 malformed_packet rejections',
    });
    await expectClosed(Buffer.from([0x00, 0x00]), 'malformed_packet');
    await expectClosed(Buffer.from([0xf0, 0x00]), 'malformed_packet');
    await expectClosed(
      Buffer.concat([connectFrame('x'), Buffer.from([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01])]),
      'malformed_packet',
    );
  }, 30_000);

  it('B2: closes on a five-byte remaining length', async () => {
    // With the 256 KiB limit the third length byte already declares too much; the unit spec covers
    // the fifth byte itself with no limit in the way.
    await expectClosed(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f]), 'packet_too_large');
  });

  it('B3: closes 14 sockets declaring 232 MB once past the packet limit, streaming 100 MB in all, live memory + < 20 MB', async () => {
    const memoryBefore = liveMemory();
    const before = await fx.rejections('packet_too_large');
    const header = Buffer.from([0x30, 0x80, 0x80, 0xa0, 0x6e]); // PUBLISH, remaining length 232,783,872
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const perSocket = Math.ceil((100 * 1024 * 1024) / 14 / chunk.length);
    let streamed = 0;
    const sockets = await Promise.all(Array.from({ length: 14 }, () => fx.rawSocket()));
    await Promise.all(
      sockets.map(async (socket) => {
        socket.write(header);
        for (let i = 0; i < perSocket && !socket.destroyed; i++) {
          if (!socket.write(chunk))
            await new Promise((r) => (socket.once('drain', r), socket.once('close', r)));
          streamed += chunk.length;
        }
        expect(await closedWithin(socket, 2_000)).toBe(true);
      }),
    );
    expect(await fx.rejections('packet_too_large')).toBe(before + 14);
    expect(liveMemory() - memoryBefore).toBeLessThan(20 * 1024 * 1024);
    // The sockets were closed long before their 100 MB: the kernel refused the rest.
    expect(streamed).toBeLessThan(100 * 1024 * 1024);
    await echo();
  }, 60_000);

  it('B4: closes on PUBLISH before CONNECT, a second CONNECT, and wrong fixed-header flags', async () => {
    await expectClosed(
      frame({ cmd: 'publish', topic: `devices/${device.id}/telemetry`, payload: 'x', qos: 0 }),
      'protocol_violation',
    );
    const twice = connectFrame(device.id, device);
    const socket = await fx.rawSocket();
    const packets = collectPackets(socket);
    socket.write(twice);
    await waitFor(() => packets.some((p) => p.cmd === 'connack'), {
      timeoutMs: 5_000,
      what: 'CONNACK',
    });
    socket.write(twice);
    expect(await closedWithin(socket, 2_000)).toBe(true);
    // SUBSCRIBE must carry flags 0010 (MQTT 3.1.1 §3.8.1); 0x80 is malformed.
    const subscribe = frame({
      cmd: 'subscribe',
      messageId: 1,
      subscriptions: [{ topic: `devices/${device.id}/x`, qos: 0 }],
    });
    subscribe[0] = 0x80;
    await expectClosed(Buffer.concat([connectFrame('flags'), subscribe]), 'malformed_packet');
  });

  it('B5: answers a bad protocol level, MQTT 5 and an over-long client id with a CONNACK refusal, then closes', async () => {
    const level7 = connectFrame(device.id, device);
    level7[8] = 7; // fixed header (2), protocol name (2 + 4), then the level
    const cases: Array<[Buffer, number]> = [
      [level7, 1],
      [
        frame(
          {
            cmd: 'connect',
            protocolId: 'MQTT',
            protocolVersion: 5,
            clean: true,
            keepalive: 60,
            clientId: device.id,
            ...device,
          },
          5,
        ),
        1,
      ],
      [connectFrame('d'.repeat(200), device), 2],
    ];
    for (const [bytes, code] of cases) {
      const socket = await fx.rawSocket();
      const packets = collectPackets(socket);
      socket.write(bytes);
      expect(await closedWithin(socket, 2_000)).toBe(true);
      const connack = packets.find((p) => p.cmd === 'connack') as
        { returnCode?: number; reasonCode?: number } | undefined;
      expect(connack?.returnCode ?? connack?.reasonCode).toBe(code);
    }
    // A wrong protocol name may be closed without CONNACK (§3.1.2.1).
    const badName = connectFrame(device.id, device);
    badName.write('MQTX', 4, 'latin1');
    await expectClosed(badName, 'malformed_packet');
  });
});
