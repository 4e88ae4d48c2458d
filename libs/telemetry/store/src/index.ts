export * from './lib/telemetry-store';
export * from './lib/telemetry-retention';
export * from './lib/telemetry-resolution';
export * from './lib/embedded-telemetry.store';
export type { EmbeddedDownsampleResult } from './lib/embedded-telemetry-downsampler';
export * from './lib/telemetry-rollup.job';
