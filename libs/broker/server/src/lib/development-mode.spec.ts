import { MetricsRegistry } from '@hourglass/platform-metrics';
import { BrokerServer } from './broker.server';
import {
  assertLoopbackHost,
  deniedSubscription,
  developmentMayPublish,
  isLoopbackHost,
} from './development-mode';

describe('development mode', () => {
  it('accepts loopback hosts only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '192.168.1.2',
      'example.com',
      '::ffff:10.0.0.1',
    ])
      expect(isLoopbackHost(host)).toBe(false);
    expect(() => assertLoopbackHost('0.0.0.0')).toThrow(/loopback only/);
  });

  it('refuses denied filters and the concrete topics they match', () => {
    const options = { denySubscriptions: ['test/nosubscribe', 'private/#'] };
    expect(deniedSubscription(options, 'test/nosubscribe')).toBe(true);
    expect(deniedSubscription(options, 'private/a/b')).toBe(true);
    expect(deniedSubscription(options, 'private/#')).toBe(true);
    expect(deniedSubscription(options, 'test/+')).toBe(false);
    expect(deniedSubscription({}, 'test/nosubscribe')).toBe(false);
  });

  it('lets anonymous clients publish concrete topics outside $SYS', () => {
    expect(developmentMayPublish('TopicA/B')).toBe(true);
    expect(developmentMayPublish('$TopicA')).toBe(true);
    expect(developmentMayPublish('$SYS/broker')).toBe(false);
    expect(developmentMayPublish('a/+')).toBe(false);
    expect(developmentMayPublish('')).toBe(false);
  });

  it('refuses to start a development-mode broker on any address but loopback', async () => {
    const deps = {
      auth: { authenticate: async () => null },
      metrics: new MetricsRegistry({ defaultMetrics: false }),
    };
    for (const host of ['0.0.0.0', '::', '192.168.1.2'])
      await expect(
        BrokerServer.start(deps, { port: 0, host, services: [], development: {} }),
      ).rejects.toThrow(/loopback only/);
  });
});
