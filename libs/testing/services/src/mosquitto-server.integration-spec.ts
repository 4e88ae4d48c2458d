import { existsSync } from 'node:fs';
import mqtt from 'mqtt';
import { startMosquitto, type MosquittoServer } from './mosquitto-server';

describe(startMosquitto.name, () => {
  let sut: MosquittoServer;

  beforeAll(async () => {
    sut = await startMosquitto();
  });

  afterAll(() => sut?.stop());

  it('delivers a published message to a subscriber', async () => {
    expect(sut.url).toBe(`mqtt://127.0.0.1:${sut.port}`);
    const subscriber = await mqtt.connectAsync(sut.url, { clientId: 'sub-1', reconnectPeriod: 0 });
    const publisher = await mqtt.connectAsync(sut.url, { clientId: 'pub-1', reconnectPeriod: 0 });
    try {
      const received = new Promise<{ topic: string; payload: string }>((resolve) =>
        subscriber.once('message', (topic, payload) =>
          resolve({ topic, payload: payload.toString() }),
        ),
      );
      await subscriber.subscribeAsync('hg/+/telemetry', { qos: 1 });
      await publisher.publishAsync('hg/pump-1/telemetry', '{"t":21.5}', { qos: 1 });
      await expect(received).resolves.toEqual({
        topic: 'hg/pump-1/telemetry',
        payload: '{"t":21.5}',
      });
    } finally {
      await Promise.all([subscriber.endAsync(), publisher.endAsync()]);
    }
  });

  it('appends extra configuration lines (anonymous clients refused)', async () => {
    const locked = await startMosquitto({
      config: 'allow_anonymous false\npassword_file /dev/null',
    });
    try {
      await expect(mqtt.connectAsync(locked.url, { reconnectPeriod: 0 })).rejects.toThrow(
        /Not authorized/i,
      );
    } finally {
      await locked.stop();
    }
    expect(existsSync(locked.dir)).toBe(false);
  });
});
