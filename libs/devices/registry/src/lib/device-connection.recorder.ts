import type { SqlDatabase } from '@hourglass/platform-sql';

/** An asset's MQTT connection as `/api/assets` shows it. */
export type AssetConnection = 'ONLINE' | 'OFFLINE';

/** Every {@link AssetConnection}. */
export const ASSET_CONNECTIONS: readonly AssetConnection[] = Object.freeze(['ONLINE', 'OFFLINE']);

/** Options of {@link DeviceConnectionRecorder}. */
export interface DeviceConnectionRecorderOptions {
  now?: () => number;
  /** Where a failed background write is reported. */
  log?: (line: string) => void;
  /** Wait before a failed write is tried again, ms (default 1,000; sooner with the next change). */
  retryMs?: number;
}

/** Default wait before a failed connection write is tried again, ms. */
export const DEFAULT_CONNECTION_RETRY_MS = 1_000;

interface Change {
  connection: AssetConnection;
  at: number;
}

/**
 * Keeps `assets.connection` and `connection_since` from the retained `devices/{id}/status` messages
 * the broker publishes (connect, disconnect, Will). Status changes only, never telemetry: the write
 * runs beside the broker, one statement for every change that arrived while the previous one ran
 * (a reconnect storm costs a few statements, not one per device). The newest change per device wins,
 * also against a row written by another node. Unknown devices are ignored.
 */
export class DeviceConnectionRecorder {
  private readonly pending = new Map<string, Change>();
  private writing?: Promise<void>;
  private retryTimer?: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly retryMs: number;

  constructor(
    private readonly db: SqlDatabase,
    options: DeviceConnectionRecorderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
    this.retryMs = options.retryMs ?? DEFAULT_CONNECTION_RETRY_MS;
  }

  /** Records a status payload of a device (`online`/`offline`; anything else is ignored). */
  onStatus(deviceId: string, payload: string): void {
    const connection = payload === 'online' ? 'ONLINE' : payload === 'offline' ? 'OFFLINE' : null;
    if (!connection) return;
    this.pending.set(deviceId, { connection, at: this.now() });
    this.start();
  }

  /** Stops retrying a failed write (what is pending stays unwritten). */
  stop(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private start(): void {
    this.stop();
    this.writing ??= this.drain();
  }

  /**
   * Marks `OFFLINE` (since `at`) every asset still `ONLINE` from before `at`: a broker that starts
   * alone (no shared sessions) has no device connected, and one that stopped without publishing
   * their `offline` left them so. Call it before the broker accepts connections.
   */
  async markStaleOffline(at: number = this.now()): Promise<void> {
    await this.db.query(
      `update assets set connection = 'OFFLINE', connection_since = $1::timestamptz
       where connection = 'ONLINE' and connection_since < $1::timestamptz`,
      [new Date(at).toISOString()],
    );
  }

  /** Resolves once every change recorded so far has been written (or its write has failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.size > 0) {
        const batch = [...this.pending];
        this.pending.clear();
        try {
          await this.write(batch);
        } catch (error) {
          for (const [id, change] of batch)
            if ((this.pending.get(id)?.at ?? -Infinity) < change.at) this.pending.set(id, change);
          this.log(`broker: connection status write failed (${(error as Error).message})`);
          this.retryTimer = setTimeout(() => this.start(), this.retryMs);
          this.retryTimer.unref();
          return;
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(batch: ReadonlyArray<[string, Change]>): Promise<void> {
    await this.db.query(
      `update assets a set connection = u.c, connection_since = u.t
       from unnest($1::text[], $2::text[], $3::timestamptz[]) as u(id, c, t)
       where a.id = u.id and (a.connection_since is null or a.connection_since <= u.t)`,
      [
        batch.map(([id]) => id),
        batch.map(([, c]) => c.connection),
        batch.map(([, c]) => new Date(c.at).toISOString()),
      ],
    );
  }
}
