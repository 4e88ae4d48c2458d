import type {
  EmbeddedTelemetryStore,
  TelemetryRow,
  TelemetryStore,
} from '@hourglass/telemetry-store';

/** Which rows of one device to read: those after `after` (exclusive), epoch ms. */
export interface WindowRequest {
  deviceId: string;
  after: number;
}

/** Reads the recent raw telemetry of many devices for a scoring batch. */
export interface TelemetryWindowReader {
  /**
   * For each request, the newest `limit` raw rows with `after < ts < to`, oldest first. Devices
   * without rows may be missing from the map.
   */
  read(
    requests: readonly WindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>>;
}

/** Options of {@link StoreWindowReader}. */
export interface StoreWindowReaderOptions {
  /** Device queries in flight at once (default 16). */
  concurrency: number;
}

/** Any telemetry store (InfluxDB included): one query per device, a few in flight. */
export class StoreWindowReader implements TelemetryWindowReader {
  private readonly concurrency: number;

  constructor(
    private readonly store: TelemetryStore,
    options: Partial<StoreWindowReaderOptions> = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
  }

  async read(
    requests: readonly WindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>> {
    const out = new Map<string, TelemetryRow[]>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++];
        out.set(
          r.deviceId,
          await this.store.query(r.deviceId, { from: r.after + 1, to, limit, newest: true }),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, requests.length) }, worker));
    return out;
  }
}

/**
 * The embedded telemetry store read for a whole batch in one statement
 * (`EmbeddedTelemetryStore.readRecentWindows`), instead of one round trip per device.
 */
export class EmbeddedWindowReader implements TelemetryWindowReader {
  constructor(private readonly store: EmbeddedTelemetryStore) {}

  read(
    requests: readonly WindowRequest[],
    to: number,
    limit: number,
  ): Promise<Map<string, TelemetryRow[]>> {
    return this.store.readRecentWindows(requests, to, limit);
  }
}
