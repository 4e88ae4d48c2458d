import { isIP } from 'node:net';
import type { ServiceClientIdentity } from './broker-identity';
import { topicMatches } from './topic-policy';

/**
 * Development mode: anonymous clients and no topic ACL, for conformance suites and local tools
 * that know nothing of device credentials. Every other limit of the hardened broker stays on.
 * It binds to loopback only: {@link assertLoopbackHost} refuses any other address.
 */
export interface DevelopmentModeOptions {
  /**
   * Topic filters refused with SUBACK 0x80, the connection staying open (Paho's interoperability
   * suite expects `test/nosubscribe` refused). A filter is refused when it equals an entry or is a
   * concrete topic the entry matches.
   */
  denySubscriptions?: readonly string[];
}

/** What an anonymous client of the development mode is: publish and subscribe anywhere. */
export const DEVELOPMENT_IDENTITY: Readonly<ServiceClientIdentity> = Object.freeze({
  kind: 'service',
  name: 'anonymous',
  publish: ['#'],
  subscribe: ['#'],
});

/** True for `localhost` and every loopback address (127.0.0.0/8, ::1, ::ffff:127.x.x.x). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const v4 = host.startsWith('::ffff:') ? host.slice('::ffff:'.length) : host;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(host) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(host);
}

/** Throws when the development mode is asked to listen on anything but loopback. */
export function assertLoopbackHost(host: string): void {
  if (!isLoopbackHost(host))
    throw new Error(
      `broker development mode (anonymous clients, no topic ACL) listens on loopback only; refusing host ${JSON.stringify(host)}`,
    );
}

/** The line logged when a development-mode broker starts. */
export function developmentBanner(host: string, port: number): string {
  return (
    `broker: !!! DEVELOPMENT MODE on ${host}:${port}: anonymous clients, NO topic ACL, ` +
    'no device authentication; loopback only, never for production !!!'
  );
}

/** Whether the development mode refuses a subscription to `filter` (its deny list). */
export function deniedSubscription(options: DevelopmentModeOptions, filter: string): boolean {
  return (options.denySubscriptions ?? []).some(
    (entry) => entry === filter || (!/[+#]/.test(filter) && topicMatches(entry, filter)),
  );
}

/** Whether an anonymous client may publish `topic`: anything concrete, not the broker's `$SYS`. */
export function developmentMayPublish(topic: string): boolean {
  return topic.length > 0 && !/[+#]/.test(topic) && !topic.startsWith('$SYS');
}
