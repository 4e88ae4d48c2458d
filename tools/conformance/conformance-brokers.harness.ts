import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerServer } from '@hourglass/broker-server';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { startMosquitto } from '@hourglass/testing-services';

/** A broker the suites run against. */
export interface BrokerUnderTest {
  port: number;
  stop(): Promise<void>;
}

/** Paho's interoperability suite expects this filter refused with SUBACK 0x80. */
export const PAHO_DENIED_FILTER = 'test/nosubscribe';

/**
 * The one limit the suites run with away from its default: Paho's client connects with keep-alive 0
 * (no keep-alive), which the hardened broker refuses (hostile-inputs B12). 0 here = no cap, as in
 * Mosquitto's default configuration.
 */
export const CONFORMANCE_LIMITS = { maxKeepAliveSeconds: 0 } as const;

/**
 * The embedded broker in development mode (anonymous, no topic ACL, loopback, the Paho deny list)
 * with every other hardened limit at its default ({@link CONFORMANCE_LIMITS}), on a free port. Its
 * log goes to `logLine`.
 */
export async function startEmbedded(logLine: (line: string) => void): Promise<BrokerUnderTest> {
  const broker = await BrokerServer.start(
    {
      auth: { authenticate: async () => null },
      metrics: new MetricsRegistry({ defaultMetrics: false }),
    },
    {
      port: 0,
      host: '127.0.0.1',
      services: [],
      development: { denySubscriptions: [PAHO_DENIED_FILTER] },
      limits: CONFORMANCE_LIMITS,
      log: logLine,
    },
  );
  return { port: broker.port, stop: () => broker.close() };
}

/**
 * Debian's Mosquitto on a free port, anonymous; with `denyPaho` an ACL that allows everything but a
 * subscription to {@link PAHO_DENIED_FILTER}, as Paho's suite expects of a broker.
 */
export async function startReference(denyPaho: boolean): Promise<BrokerUnderTest> {
  const acl = denyPaho ? aclFile() : undefined;
  const server = await startMosquitto({ config: acl ? `acl_file ${acl}` : '' });
  const stop = async () => {
    await server.stop();
    if (acl) rmSync(acl, { force: true });
  };
  return { port: server.port, stop };
}

function aclFile(): string {
  const file = join(process.env.TMPDIR ?? '/tmp', `hg-conformance-acl-${process.pid}`);
  writeFileSync(file, ['topic readwrite #', `topic deny ${PAHO_DENIED_FILTER}`, ''].join('\n'));
  return file;
}
