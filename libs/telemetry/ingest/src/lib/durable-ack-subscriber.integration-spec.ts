import mqtt, { type MqttClient } from 'mqtt';
import { startMosquitto, waitFor, type MosquittoServer } from '@hourglass/testing-services';
import { DurableAckSubscriber, type ReceivedMessage } from './durable-ack-subscriber';

/** Against a real Mosquitto: a PUBACK goes out only when the application calls `ack()`. */
describe(DurableAckSubscriber.name, () => {
  let mosquitto: MosquittoServer;
  let publisher: MqttClient;
  const running: DurableAckSubscriber[] = [];

  /** A subscriber of the persistent session `ingest-test`, collecting what it receives. */
  const subscribe = async () => {
    const sut = new DurableAckSubscriber({
      url: mosquitto.url,
      clientId: 'ingest-test',
      filters: ['t/#'],
    });
    const received: ReceivedMessage[] = [];
    sut.on('message', (m) => received.push(m));
    running.push(sut);
    await sut.start();
    return { sut, received, payloads: () => received.map((m) => m.payload.toString()).sort() };
  };

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    publisher = await mqtt.connectAsync(mosquitto.url, { clientId: 'pub', reconnectPeriod: 0 });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await publisher?.endAsync(true);
    await mosquitto?.stop();
  });

  it('has the broker redeliver what was not acknowledged when the subscriber dies, and not what was', async () => {
    const first = await subscribe();
    for (const n of ['1', '2', '3']) await publisher.publishAsync('t/a', n, { qos: 1 });
    await waitFor(() => first.received.length === 3, { timeoutMs: 5_000, what: 'three messages' });
    expect(first.sut.unackedCount).toBe(3);
    await first.sut.stop(); // the handlers never resolved: no PUBACK went out

    const second = await subscribe();
    await waitFor(() => second.received.length === 3, {
      timeoutMs: 5_000,
      what: 'three redeliveries',
    });
    expect(second.payloads()).toEqual(['1', '2', '3']);
    // Handlers of '1' and '3' resolve; '2' is still being stored when the process dies.
    for (const m of second.received) if (m.payload.toString() !== '2') m.ack();
    expect(second.sut.unackedCount).toBe(1);
    await publisher.publishAsync('t/a', 'fence', { qos: 1 });
    await waitFor(() => second.received.length === 4, {
      timeoutMs: 5_000,
      what: 'the fence message',
    });
    second.received[3]!.ack();
    await second.sut.stop();

    const third = await subscribe();
    await waitFor(() => third.received.length >= 1, {
      timeoutMs: 5_000,
      what: 'the unacknowledged message',
    });
    // The fence, published after the PUBACKs and acknowledged, proves they reached the broker.
    await publisher.publishAsync('t/a', 'last', { qos: 1 });
    await waitFor(() => third.received.some((m) => m.payload.toString() === 'last'), {
      timeoutMs: 5_000,
      what: 'the last message',
    });
    expect(third.payloads()).toEqual(['2', 'last']);
  });
});
