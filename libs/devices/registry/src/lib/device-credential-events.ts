import type { DeviceRepository } from './device.repository';

/** A device's credentials changed: connections made before `at` are no longer backed by valid credentials. */
export interface DeviceCredentialChange {
  deviceId: string;
  kind: 'revoked' | 'rotated';
  at: Date;
}

type Listener = (change: DeviceCredentialChange) => void;

/**
 * Credential changes within one process: the registry announces revocations and rotations, the
 * broker closes the connections they invalidate (at once, not at the next CONNECT).
 */
export class DeviceCredentialEvents {
  private readonly listeners = new Set<Listener>();

  /** Subscribes; returns the unsubscribe function. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: DeviceCredentialChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A failing listener must not stop the others nor the registry operation.
      }
    }
  }
}

/** Options of {@link DeviceCredentialWatcher}. */
export interface DeviceCredentialWatcherOptions {
  /** How often the database is asked, ms (default 1,000). */
  intervalMs?: number;
  log?: (line: string) => void;
}

/**
 * Carries credential changes made by another process (the API next to a standalone broker) into
 * this one's {@link DeviceCredentialEvents}, by polling the devices' `updated_at`. A database that
 * does not answer is logged and asked again at the next tick.
 */
export class DeviceCredentialWatcher {
  private since: Date;
  private readonly timer: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly devices: Pick<DeviceRepository, 'credentialChangesSince'>,
    private readonly events: DeviceCredentialEvents,
    private readonly options: DeviceCredentialWatcherOptions = {},
  ) {
    this.since = new Date();
    this.timer = setInterval(() => void this.poll(), options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  async poll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const changes = await this.devices.credentialChangesSince(this.since);
      for (const change of changes) {
        if (change.at > this.since) this.since = change.at;
        this.events.emit(change);
      }
    } catch (error) {
      this.options.log?.(
        `devices: credential watch failed (${(error as Error).message}); retrying`,
      );
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
