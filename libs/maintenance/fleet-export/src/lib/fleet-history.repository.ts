import { AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';

/** An asset to export: its telemetry is stored under `deviceId`. */
export interface ExportAsset {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
}

/** The assets an export covers, from the asset registry (their failures come from a `FailureEventSource`). */
export class FleetHistoryRepository {
  private readonly registry: AssetRepository;

  constructor(db: SqlDatabase) {
    this.registry = new AssetRepository(db);
  }

  /** Assets in the scope, of `type` when given, by id. */
  async assets(scope: Scope, filter: { type?: string } = {}): Promise<ExportAsset[]> {
    const assets = await this.registry.list(scope);
    return assets
      .filter((a) => filter.type === undefined || a.type === filter.type)
      .map((a) => ({ id: a.id, tenantId: a.tenantId, deviceId: a.deviceId, type: a.type }));
  }
}
