import type { DeviceCommandOutboxRepository } from './device-command-outbox.repository';
import type { MaintenanceCommandPublisher } from './maintenance-command.publisher';

/** Options of {@link DeviceCommandRelayJob}. */
export interface DeviceCommandRelayOptions {
  /** Entries claimed per run (default 500). */
  batchSize: number;
  /** How long a claim is held before another relay may take it (default 30 s). */
  leaseMs: number;
}

/** What one run did. */
export interface RelayRun {
  claimed: number;
  published: number;
  failed: number;
}

/**
 * Publishes the queued maintenance commands over MQTT (the maintenance process runs it). Several
 * `ORDERS` entries of one asset become one publish of its open orders as they are now; a reminder
 * is published as queued. Published entries are deleted; a failed one stays leased and is retried
 * once its lease ends.
 */
export class DeviceCommandRelayJob {
  private readonly options: DeviceCommandRelayOptions;

  constructor(
    private readonly deps: {
      outbox: DeviceCommandOutboxRepository;
      commands: MaintenanceCommandPublisher;
      log?: (line: string) => void;
      now?: () => number;
    },
    options: Partial<DeviceCommandRelayOptions> = {},
  ) {
    this.options = { batchSize: 500, leaseMs: 30_000, ...options };
  }

  async run(): Promise<RelayRun> {
    const now = (this.deps.now ?? Date.now)();
    const entries = await this.deps.outbox.claim(
      new Date(now),
      new Date(now + this.options.leaseMs),
      this.options.batchSize,
    );
    const done: string[] = [];
    let failed = 0;
    const byAsset = new Map<string, string[]>();
    for (const entry of entries) {
      if (entry.kind === 'REMINDER') {
        if (await this.attempt(() => this.deps.commands.reminder(entry.reminder)))
          done.push(entry.id);
        else failed++;
        continue;
      }
      const key = `${entry.order.tenantId}\u0000${entry.order.assetId}`;
      const ids = byAsset.get(key);
      if (ids) {
        ids.push(entry.id);
        continue;
      }
      byAsset.set(key, [entry.id]);
    }
    for (const [key, ids] of byAsset) {
      const [tenantId, assetId] = key.split('\u0000');
      if (await this.attempt(() => this.deps.commands.orderChanged({ tenantId, assetId })))
        done.push(...ids);
      else failed += ids.length;
    }
    await this.deps.outbox.done(done);
    return { claimed: entries.length, published: done.length, failed };
  }

  private async attempt(publish: () => Promise<unknown>): Promise<boolean> {
    try {
      await publish();
      return true;
    } catch (error) {
      this.deps.log?.(`device commands: ${(error as Error).message}`);
      return false;
    }
  }
}
