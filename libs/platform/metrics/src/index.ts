export * from './lib/metrics-registry';
