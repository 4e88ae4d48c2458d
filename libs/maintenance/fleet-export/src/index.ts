export * from './lib/fleet-export-errors';
export * from './lib/failure-labels';
export * from './lib/fleet-history.repository';
export * from './lib/telemetry-pages';
export * from './lib/export-files.writer';
export * from './lib/fleet-export.service';
export * from './lib/export-sources';
export * from './lib/fleet-export-args';
