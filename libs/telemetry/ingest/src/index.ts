export * from './lib/durable-ack-subscriber';
export * from './lib/durable-batch.hook';
export { IngestClosingError } from './lib/ingest-close.signal';
export * from './lib/ingest-busy.error';
export * from './lib/dead-letter.repository';
export * from './lib/telemetry-ingest.options';
export * from './lib/telemetry-ingest.service';
export * from './lib/write-ahead-spool';
export * from './migrations';
