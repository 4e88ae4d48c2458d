export * from './lib/broker-identity';
export * from './lib/broker-limits';
export { LOOPBACK } from './lib/ip-connection-gate';
export * from './lib/topic-policy';
export type { BeforeAck, DeviceAuthenticator } from './lib/broker-hooks';
/** @deprecated import `statusTopic` from `@hourglass/contracts-wire`. */
export { statusTopic } from '@hourglass/contracts-wire';
export type { BrokerTlsOptions, BrokerTransport } from './lib/broker-listeners';
export * from './lib/broker.server';
