import type { TelemetrySample } from '@hourglass/telemetry-schema';
import type { TelemetryResolution, TelemetryRetention } from './telemetry-retention';

/**
 * One stored sample as read back. At the `1m` and `1h` resolutions a row is one bucket: `ts` is
 * the bucket's start and `metrics` hold the means of the samples in it (no `state`, no `seq`).
 */
export interface TelemetryRow {
  /** Epoch milliseconds (the device's timestamp, or the start of the bucket). */
  ts: number;
  metrics: Record<string, number>;
  state?: string;
  seq?: number;
}

/** One device of a batch read of recent windows: its rows after `after` (exclusive, epoch ms). */
export interface RecentWindowRequest {
  deviceId: string;
  after: number;
}

export interface TelemetryRange {
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
  /** Metric names to return; all when omitted. */
  metrics?: readonly string[];
  /** At most this many rows (the newest ones when `newest` is set). */
  limit?: number;
  newest?: boolean;
  /** Raw samples (the default) or the means of 1-minute or 1-hour buckets starting in the range. */
  resolution?: TelemetryResolution;
}

/** An error of the telemetry store; `retryable` says whether the same write may succeed later. */
export class TelemetryStoreError extends Error {
  readonly code = 'TELEMETRY_STORE';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Milliseconds the server asked us to wait, when it said so. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TelemetryStoreError';
  }
}

/**
 * Where telemetry lives: InfluxDB, or the embedded store that needs no server.
 * Writes are idempotent: a sample is keyed by (device, timestamp), so a redelivered message
 * overwrites itself.
 */
export interface TelemetryStore {
  readonly kind: 'embedded' | 'influxdb';
  /** How long each resolution is kept, when the store manages it (see `pickResolution`). */
  readonly retention?: TelemetryRetention;
  /** Resolves once every sample is durably stored; rejects with TelemetryStoreError otherwise. */
  write(samples: readonly TelemetrySample[]): Promise<void>;
  /** Samples (or bucket means, see `range.resolution`) of one device in a range, oldest first. */
  query(deviceId: string, range: TelemetryRange): Promise<TelemetryRow[]>;
  /** True when the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
