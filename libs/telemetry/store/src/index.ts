export * from './lib/telemetry-store';
export * from './lib/embedded-telemetry.store';
