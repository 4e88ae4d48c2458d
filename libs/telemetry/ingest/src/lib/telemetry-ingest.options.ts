import type { MetricsRegistry } from '@hourglass/platform-metrics';
import { DEFAULT_TELEMETRY_LIMITS, type TelemetryLimits } from '@hourglass/telemetry-schema';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import type { DeadLetterRepository } from './dead-letter.repository';
import type { DurableBatchHook } from './durable-batch.hook';
import type { WriteAheadSpool } from './write-ahead-spool';

/** Write-path settings; each has a documented default (README "Ingest"). */
export interface TelemetryIngestOptions {
  /** Samples per store write (default 5,000). */
  batchSize: number;
  /** Longest a sample waits for its batch to fill, ms (default 200). */
  flushIntervalMs: number;
  /** Batches written to the store at the same time (default 2: one fills while another is sent). */
  maxConcurrentWrites: number;
  /**
   * A writer with nothing to do takes what has gathered once it reaches this many samples (default
   * 500), instead of waiting for a full batch or the interval: under load batches still grow to
   * `batchSize` while both writers are busy, but no writer idles while acknowledgements wait.
   */
  eagerBatchSize: number;
  /** First and longest retry delay after a failed write, ms (default 500 and 30,000). */
  retryMinMs: number;
  retryMaxMs: number;
  /**
   * How long a failing write (store down and spool full, or a failing hook) is still retried once
   * `close()` has begun, ms (default 5,000). Then its messages are left unacknowledged for the
   * broker to redeliver and `close()` rejects with a retryable `IngestClosingError`.
   */
  closeRetryMs: number;
  limits: TelemetryLimits;
  /**
   * Samples received and not yet durable at which `submit()` (the HTTP route) refuses a message
   * with a retryable `IngestBusyError` instead of queueing it (default 20,000, the subscriber's
   * `maxUnacked` window in samples rather than messages).
   */
  maxSubmitBacklog: number;
  /**
   * Local write-ahead spool: when the store fails, batches are made durable here, acknowledged,
   * and replayed into the store once it answers again. Without one, a failing store is retried
   * and nothing is acknowledged meanwhile (back-pressure only).
   */
  spool?: WriteAheadSpool;
}

/** What {@link TelemetryIngestService} writes to and reports through. */
export interface TelemetryIngestDependencies {
  /** Where samples go (InfluxDB or the embedded store). */
  store: TelemetryStore;
  /** Where rejected messages go, written with each batch. */
  deadLetters: DeadLetterRepository;
  metrics: MetricsRegistry;
  /** Called after each batch is durable, in this order (see {@link DurableBatchHook} for the retry semantics). Default none. */
  hooks?: readonly DurableBatchHook[];
  /** The clock that decides which timestamps are too old or in the future (default `Date.now`). */
  now?: () => number;
  /** Where retries and spooling are reported (default: nowhere). */
  log?: (line: string) => void;
}

export const DEFAULT_INGEST_OPTIONS: TelemetryIngestOptions = {
  batchSize: 5_000,
  flushIntervalMs: 200,
  maxConcurrentWrites: 2,
  eagerBatchSize: 500,
  retryMinMs: 500,
  retryMaxMs: 30_000,
  closeRetryMs: 5_000,
  limits: DEFAULT_TELEMETRY_LIMITS,
  maxSubmitBacklog: 20_000,
};
