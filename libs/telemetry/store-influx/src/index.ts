export * from './lib/influx-telemetry.store';
