export * from './lib/platform-config';
