import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** An asset to export: its telemetry is stored under `deviceId`. */
export interface ExportAsset {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
}

/** Reads the assets an export covers from the relational store (their failures come from a `FailureEventSource`). */
export class FleetHistoryRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Assets in the scope, of `type` when given, by id. */
  async assets(scope: Scope, filter: { type?: string } = {}): Promise<ExportAsset[]> {
    const params: unknown[] = [filter.type ?? null];
    const rows = await this.db.query<{
      id: string;
      tenant_id: string;
      device_id: string;
      type: string;
    }>(
      `select id, tenant_id, device_id, type from assets
       where ($1::text is null or type = $1) and ${scopeCondition(scope, 'tenant_id', params)}
       order by id`,
      params as string[],
    );
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      deviceId: r.device_id,
      type: r.type,
    }));
  }
}
