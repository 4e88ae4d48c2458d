export * from './lib/broker-identity';
export * from './lib/topic-policy';
export * from './lib/broker.server';
