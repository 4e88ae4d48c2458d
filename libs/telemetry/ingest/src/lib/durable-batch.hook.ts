import type { TelemetrySample } from '@hourglass/telemetry-schema';

/**
 * Work that follows a batch once it is durable (in the telemetry store or in the local spool), given
 * to {@link TelemetryIngestService} by the composition root, the way the broker calls `beforeAck`:
 * ingest knows nothing of what the hooks do (asset status, billing events, ...).
 *
 * Delivery: the hooks of a batch run one after the other, in the order given, followed by the write
 * of the batch's dead letters, as one step that is retried with backoff until all of it succeeds
 * (a failing hook makes the whole step run again, the hooks before it included). The batch's
 * messages are acknowledged only after that step, so a hook that keeps failing holds the batch's
 * acknowledgements and, through the unacknowledged window, pushes back on the broker: nothing is
 * acknowledged that a hook has not seen. A hook must therefore tolerate seeing a batch again (after
 * a retry, or after a redelivery when the process died before the acknowledgement).
 */
export interface DurableBatchHook {
  /** Called with every batch once it is durable; may be called with no samples (a batch of rejected messages). */
  onDurable(samples: readonly TelemetrySample[]): Promise<void> | void;
  /** Called once by `TelemetryIngestService.close()` after the last batch: write what is buffered, stop timers. */
  close?(): Promise<void> | void;
}
