export * from './lib/durable-ack-subscriber';
export * from './lib/dead-letter.repository';
export * from './lib/asset-activity.repository';
export * from './lib/telemetry-ingest.service';
export * from './lib/write-ahead-spool';
export * from './lib/hour-meter-sampler';
export * from './migrations';
