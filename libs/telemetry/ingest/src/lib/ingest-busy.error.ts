import type { IngestClosingError } from './ingest-close.signal';

/**
 * Thrown by `TelemetryIngestService.submit()` when more samples wait for the store than
 * `maxSubmitBacklog`: nothing of the message was taken, and the same message may be sent again after
 * `retryAfterSeconds` (the HTTP edge answers 429 with `Retry-After`). MQTT's counterpart is the
 * subscriber's unacknowledged window, which stops reading from the broker.
 */
export class IngestBusyError extends Error {
  readonly code = 'INGEST_BUSY';
  readonly retryable = true;

  constructor(
    message: string,
    /** Whole seconds to wait before sending again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'IngestBusyError';
  }
}

/** Error codes of ingest that reach the HTTP edge (mapped in the API's error table). */
export type IngestErrorCode = IngestBusyError['code'] | IngestClosingError['code'];
