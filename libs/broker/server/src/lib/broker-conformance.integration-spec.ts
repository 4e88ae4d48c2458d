import type { Socket } from 'node:net';
import { waitFor } from '@hourglass/testing-services';
import {
  closedWithin,
  collectPackets,
  connectFrame,
  frame,
  HostileBrokerFixture,
} from './broker-hostile.fixture';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/**
 * MQTT 3.1.1 rules stock aedes 1.2 breaks and the broker layer fixes (issue 18), on raw sockets
 * against a development-mode broker (anonymous clients: the packets are the spec's own bytes).
 */
describe('BrokerServer MQTT 3.1.1 conformance (issue 18)', () => {
  let fx: HostileBrokerFixture;

  beforeAll(async () => {
    fx = await HostileBrokerFixture.start({
      development: { denySubscriptions: ['test/nosubscribe'] },
      limits: { maxKeepAliveSeconds: 0 },
    });
  }, 60_000);

  afterAll(async () => {
    await fx?.close();
  }, 30_000);

  /** A raw socket recording every byte the broker sends. */
  async function open(): Promise<{ socket: Socket; received: () => Buffer }> {
    const socket = await fx.rawSocket();
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { socket, received: () => Buffer.concat(chunks) };
  }

  /** Sends a CONNECT of `clientId` (clean session as given) and returns the CONNACK's bytes. */
  async function connack(clientId: string, clean: boolean) {
    const session = await open();
    // By hand: mqtt-packet's encoder will not write an empty client id with clean session off.
    const id = Buffer.from(clientId);
    const body = Buffer.concat([
      hex(`0004 4D515454 04 ${clean ? '02' : '00'} 003C`),
      Buffer.from([id.length >> 8, id.length & 0xff]),
      id,
    ]);
    session.socket.write(Buffer.concat([Buffer.from([0x10, body.length]), body]));
    await waitFor(() => session.received().length >= 4, { timeoutMs: 3_000, what: 'CONNACK' });
    return { ...session, connack: session.received().subarray(0, 4).toString('hex') };
  }

  /** Sends `bytes` (after a CONNECT and its CONNACK) and expects the connection closed, unanswered. */
  async function expectClosedAfter(bytes: Buffer, connect = true): Promise<void> {
    const { socket, received } = connect ? await connack(`c${Math.random()}`, true) : await open();
    socket.write(bytes);
    expect(await closedWithin(socket, 2_000)).toBe(true);
    // Nothing but the CONNACK came back (a refused CONNECT: not even that).
    expect(received().length).toBe(connect ? 4 : 0);
  }

  it('refuses an empty client id with clean session off: CONNACK 0x02, then closed (MQTT-3.1.3-8)', async () => {
    const { socket, connack: bytes } = await connack('', false);
    expect(bytes).toBe('20020002');
    expect(await closedWithin(socket, 2_000)).toBe(true);
    const clean = await connack('', true);
    expect(clean.connack).toBe('20020000');
  });

  it('closes on a CONNECT whose flags are invalid or disagree with its payload (§3.1.2)', async () => {
    // Will flag with Will QoS 3 (MQTT-3.1.2-14).
    await expectClosedAfter(hex('10 13 0004 4D515454 04 1E 000A 0001 70 0001 70 0001 70'), false);
    // Password flag without user name flag (MQTT-3.1.2-22).
    await expectClosedAfter(hex('10 10 0004 4D515454 04 42 000A 0001 70 0001 70'), false);
    // No user name flag, yet a user name in the payload (MQTT-3.1.2-18).
    await expectClosedAfter(hex('10 10 0004 4D515454 04 02 000A 0001 70 0001 70'), false);
    // A client id with U+0000 (§1.5.3).
    await expectClosedAfter(hex('10 11 0004 4D515454 04 02 000A 0005 746F700000'), false);
    expect(await fx.rejections('malformed_packet')).toBeGreaterThanOrEqual(4);
  });

  it('closes on malformed acknowledgements, a PINGREQ with a body, DUP on QoS 0, packet id 0, an empty UNSUBSCRIBE', async () => {
    for (const bytes of [
      '40 00', // PUBACK without packet id
      '40 02 0000', // PUBACK for packet id 0
      '70 03 0001 00', // PUBCOMP too long
      '62 01 01', // PUBREL too short
      '50 02 0000', // PUBREC for packet id 0
      'C0 01 00', // PINGREQ with a body
      '38 0E 0005 746F706963 7061796C6F6164', // QoS 0 PUBLISH with DUP (MQTT-3.3.1-2)
      '32 10 0005 746F706963 0000 7061796C6F6164', // QoS 1 PUBLISH with packet id 0
      'A2 02 1234', // UNSUBSCRIBE without a filter (MQTT-3.10.3-2)
    ])
      await expectClosedAfter(hex(bytes));
  });

  /** A subscriber at `qos` on `topic` that has just been sent one message (packet id 1). */
  async function receiving(topic: string, qos: 1 | 2) {
    const session = await connack(`flow-${topic}`, true);
    const packets = collectPackets(session.socket);
    session.socket.write(
      frame({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic, qos }] }),
    );
    await waitFor(() => packets.some((p) => p.cmd === 'suback'), {
      timeoutMs: 3_000,
      what: 'SUBACK',
    });
    const publisher = await connack(`flow-pub-${topic}`, true);
    publisher.socket.write(frame({ cmd: 'publish', topic, payload: 'm', qos, messageId: 9 }));
    await waitFor(() => packets.some((p) => p.cmd === 'publish'), {
      timeoutMs: 3_000,
      what: 'PUBLISH',
    });
    publisher.socket.destroy();
    return { ...session, packets };
  }

  it('closes on an acknowledgement of the wrong kind for a message in flight; a PUBREC repeated after PUBREL is answered', async () => {
    for (const [qos, ack] of [
      [1, '50 02 0001'], // PUBREC for a QoS 1 message
      [1, '70 02 0001'], // PUBCOMP for a QoS 1 message
      [2, '40 02 0001'], // PUBACK for a QoS 2 message
      [2, '70 02 0001'], // PUBCOMP before PUBREL
    ] as const) {
      const { socket } = await receiving(`wrong/${qos}/${ack.slice(0, 2)}`, qos);
      socket.write(hex(ack));
      expect(await closedWithin(socket, 2_000)).toBe(true);
    }
    const { socket, packets } = await receiving('wrong/pubrel', 2);
    socket.write(hex('50 02 0001'));
    await waitFor(() => packets.some((p) => p.cmd === 'pubrel'), {
      timeoutMs: 3_000,
      what: 'PUBREL',
    });
    socket.write(hex('50 02 0001 C0 00')); // PUBREC again, then PINGREQ
    await waitFor(() => packets.some((p) => p.cmd === 'pingresp'), {
      timeoutMs: 3_000,
      what: 'PINGRESP',
    });
    expect(packets.filter((p) => p.cmd === 'pubrel')).toHaveLength(2);
    socket.write(hex('40 02 0001')); // PUBACK where PUBCOMP is due
    expect(await closedWithin(socket, 2_000)).toBe(true);
  });

  it('says session present on a clean-session-off reconnect and takeover, with no subscriptions (MQTT-3.2.2-2)', async () => {
    const first = await connack('sp-1', false);
    expect(first.connack).toBe('20020000');
    first.socket.write(hex('E0 00')); // DISCONNECT
    expect(await closedWithin(first.socket, 2_000)).toBe(true);
    const back = await connack('sp-1', false);
    expect(back.connack).toBe('20020100');
    const takeover = await connack('sp-1', false);
    expect(takeover.connack).toBe('20020100');
    expect(await closedWithin(back.socket, 2_000)).toBe(true);
    // A clean session ends the stored one: neither it nor the next clean-off one is "present".
    expect((await connack('sp-1', true)).connack).toBe('20020000');
    expect((await connack('sp-1', false)).connack).toBe('20020000');
  });

  it('delivers a retained message with retain 1 to a SUBSCRIBE that follows its PUBLISH on one connection', async () => {
    for (let i = 0; i < 5; i++) {
      const topic = `race/${i}`;
      const { socket } = await open();
      const packets = collectPackets(socket);
      socket.write(
        Buffer.concat([
          connectFrame(`race-${i}`),
          frame({ cmd: 'publish', topic, payload: 'r', qos: 0, retain: true }),
          frame({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic, qos: 0 }] }),
        ]),
      );
      await waitFor(() => packets.some((p) => p.cmd === 'publish'), {
        timeoutMs: 3_000,
        what: 'the retained message',
      });
      await new Promise((r) => setTimeout(r, 100));
      const publishes = packets.filter((p) => p.cmd === 'publish') as Array<{ retain: boolean }>;
      expect(publishes.map((p) => p.retain)).toEqual([true]);
      socket.destroy();
    }
  });

  it('forwards a message queued for an offline persistent session with retain 0 (MQTT-3.3.1-9)', async () => {
    const subscriber = await open();
    const packets = collectPackets(subscriber.socket);
    subscriber.socket.write(
      Buffer.concat([
        connectFrame('queued-sub', undefined, { clean: false }),
        frame({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'queued/t', qos: 1 }] }),
      ]),
    );
    await waitFor(() => packets.some((p) => p.cmd === 'suback'), {
      timeoutMs: 3_000,
      what: 'SUBACK',
    });
    subscriber.socket.write(hex('E0 00'));
    expect(await closedWithin(subscriber.socket, 2_000)).toBe(true);
    const publisher = await open();
    const acks = collectPackets(publisher.socket);
    publisher.socket.write(
      Buffer.concat([
        connectFrame('queued-pub'),
        frame({
          cmd: 'publish',
          topic: 'queued/t',
          payload: 'q',
          qos: 1,
          messageId: 5,
          retain: true,
        }),
      ]),
    );
    await waitFor(() => acks.some((p) => p.cmd === 'puback'), { timeoutMs: 3_000, what: 'PUBACK' });
    const again = await open();
    const delivered = collectPackets(again.socket);
    again.socket.write(connectFrame('queued-sub', undefined, { clean: false }));
    await waitFor(() => delivered.some((p) => p.cmd === 'publish'), {
      timeoutMs: 3_000,
      what: 'the queued message',
    });
    expect((delivered.find((p) => p.cmd === 'publish') as { retain: boolean }).retain).toBe(false);
    // Clear the retained message for the other tests.
    publisher.socket.write(
      frame({ cmd: 'publish', topic: 'queued/t', payload: '', qos: 0, retain: true }),
    );
  });

  it('keeps inbound QoS 2 state across a reconnect: a resent PUBLISH is not delivered twice, PUBREL completes', async () => {
    const watcher = await open();
    const seen = collectPackets(watcher.socket);
    watcher.socket.write(
      Buffer.concat([
        connectFrame('q2-watch'),
        frame({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: 'q2/t', qos: 0 }] }),
      ]),
    );
    await waitFor(() => seen.some((p) => p.cmd === 'suback'), { timeoutMs: 3_000, what: 'SUBACK' });
    const publish = frame({ cmd: 'publish', topic: 'q2/t', payload: 'x', qos: 2, messageId: 7 });
    const first = await open();
    const firstPackets = collectPackets(first.socket);
    first.socket.write(
      Buffer.concat([connectFrame('q2-pub', undefined, { clean: false }), publish]),
    );
    await waitFor(() => firstPackets.some((p) => p.cmd === 'pubrec'), {
      timeoutMs: 3_000,
      what: 'PUBREC',
    });
    first.socket.destroy();
    const second = await open();
    const secondPackets = collectPackets(second.socket);
    const dup = Buffer.from(publish);
    dup[0] |= 0x08;
    second.socket.write(Buffer.concat([connectFrame('q2-pub', undefined, { clean: false }), dup]));
    await waitFor(() => secondPackets.some((p) => p.cmd === 'pubrec'), {
      timeoutMs: 3_000,
      what: 'PUBREC',
    });
    second.socket.write(frame({ cmd: 'pubrel', messageId: 7 }));
    await waitFor(() => secondPackets.some((p) => p.cmd === 'pubcomp'), {
      timeoutMs: 3_000,
      what: 'PUBCOMP',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.filter((p) => p.cmd === 'publish')).toHaveLength(1);
  });

  it('refuses a subscription on the development deny list with SUBACK 0x80, the connection staying', async () => {
    const { socket } = await open();
    const packets = collectPackets(socket);
    socket.write(
      Buffer.concat([
        connectFrame('deny'),
        frame({
          cmd: 'subscribe',
          messageId: 3,
          subscriptions: [{ topic: 'test/nosubscribe', qos: 1 }],
        }),
        hex('C0 00'),
      ]),
    );
    await waitFor(() => packets.some((p) => p.cmd === 'pingresp'), {
      timeoutMs: 3_000,
      what: 'PINGRESP',
    });
    expect((packets.find((p) => p.cmd === 'suback') as { granted: number[] }).granted).toEqual([
      128,
    ]);
  });
});
