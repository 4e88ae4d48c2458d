import { connect as tlsConnect } from 'node:tls';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { closedWithin, HostileBrokerFixture, type TestDevice } from './broker-hostile.fixture';
import { TestCertificates } from './test-certificates.fixture';

/** The TLS listener with client certificates (mTLS, CN = device id) and MQTT over WebSocket. */
describe('BrokerServer TLS and WebSocket listeners', () => {
  let certs: TestCertificates;
  let fx: HostileBrokerFixture;
  let device: TestDevice;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    certs = TestCertificates.create();
    fx = await HostileBrokerFixture.start({
      tls: {
        port: 0,
        cert: certs.read('server.crt'),
        key: certs.read('server.key'),
        ca: certs.read('ca.crt'),
      },
      webSocketPort: 0,
      limits: { connectTimeoutSeconds: 3 }, // shorter than the default only to keep the handshake test brief
    });
    device = await fx.device('tls-dev-1');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await fx?.close();
    certs?.remove();
  }, 30_000);

  const overTls = async (options: IClientOptions) => {
    const client = await mqtt.connectAsync(`mqtts://127.0.0.1:${fx.broker.ports.tls}`, {
      ca: certs.read('ca.crt'),
      reconnectPeriod: 0,
      ...options,
    });
    clients.push(client);
    return client;
  };
  const refusalCode = (attempt: Promise<MqttClient>) =>
    attempt
      .then((c) => (clients.push(c), 'connected'))
      .catch((error: Error & { code?: number }) => error.code ?? error.message);

  it('accepts a device by its client certificate alone (CN = device id) and lets it publish', async () => {
    const { cert, key } = certs.issue('ca', 'device-1', device.id);
    const client = await overTls({ clientId: device.id, cert, key });
    await client.publishAsync(`devices/${device.id}/telemetry`, '{}', { qos: 1 });
    expect(client.connected).toBe(true);
  });

  it('refuses a certificate for another device id, one from an unknown CA without a password, and a revoked device', async () => {
    await fx.device('tls-dev-other');
    const other = certs.issue('ca', 'device-other', 'tls-dev-other');
    expect(await refusalCode(overTls({ clientId: device.id, ...other }))).toBe(2);
    certs.authority('rogue');
    const rogue = certs.issue('rogue', 'device-rogue', device.id);
    expect(await refusalCode(overTls({ clientId: device.id, ...rogue }))).toBe(4);
    const revoked = await fx.device('tls-dev-revoked');
    await fx.registry.revoke(PROVIDER_SCOPE, revoked.id);
    expect(
      await refusalCode(
        overTls({ clientId: revoked.id, ...certs.issue('ca', 'device-revoked', revoked.id) }),
      ),
    ).toBe(4);
  });

  it('accepts a password over TLS without a client certificate', async () => {
    const client = await overTls({
      clientId: device.id,
      username: device.username,
      password: device.password,
    });
    expect(client.connected).toBe(true);
  });

  it('closes a TLS socket that never completes its handshake or CONNECT within the connect timeout', async () => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: fx.broker.ports.tls as number,
      ca: certs.read('ca.crt'),
    });
    socket.on('error', () => undefined);
    expect(
      await closedWithin(socket as never, fx.broker.limits.connectTimeoutSeconds * 1000 + 3_000),
    ).toBe(true);
  }, 10_000);

  it('serves MQTT over WebSocket with the same authentication and limits', async () => {
    const url = `ws://127.0.0.1:${fx.broker.ports.ws}`;
    const ws = await mqtt.connectAsync(url, {
      clientId: device.id,
      username: device.username,
      password: device.password,
      reconnectPeriod: 0,
    });
    clients.push(ws);
    const echoed = new Promise<string>((resolve) =>
      ws.once('message', (_t, p) => resolve(p.toString())),
    );
    await ws.subscribeAsync(`devices/${device.id}/echo`, { qos: 1 });
    await ws.publishAsync(`devices/${device.id}/echo`, 'over-ws', { qos: 1 });
    expect(await echoed).toBe('over-ws');
    expect(
      await refusalCode(
        mqtt.connectAsync(url, {
          clientId: device.id,
          username: device.username,
          password: 'wrong',
          reconnectPeriod: 0,
        }),
      ),
    ).toBe(4);
    const before = await fx.rejections('packet_too_large');
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await ws
      .publishAsync(`devices/${device.id}/big`, Buffer.alloc(300 * 1024), { qos: 0 })
      .catch(() => undefined);
    await closed;
    expect(await fx.rejections('packet_too_large')).toBe(before + 1);
  });
});
