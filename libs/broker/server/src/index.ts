export * from './lib/broker-identity';
export * from './lib/broker-limits';
export { LOOPBACK } from './lib/ip-connection-gate';
export * from './lib/topic-policy';
export { statusTopic, type BeforeAck, type DeviceAuthenticator } from './lib/broker-hooks';
export type { BrokerTlsOptions, BrokerTransport } from './lib/broker-listeners';
export * from './lib/broker.server';
