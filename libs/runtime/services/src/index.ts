export * from './lib/periodic-task';
export * from './lib/runtime-context';
export * from './lib/broker.runner';
export * from './lib/ingest.runner';
export * from './lib/alerts.runner';
export * from './lib/api.runner';
export * from './lib/platform.runner';
export * from './lib/service-main';
