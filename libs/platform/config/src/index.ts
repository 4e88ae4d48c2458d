export * from './lib/platform-env.schema';
export * from './lib/platform-config';
export * from './lib/process-config';
export * from './lib/dot-env';
