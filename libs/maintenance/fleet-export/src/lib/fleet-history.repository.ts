import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import type { FailureEvent } from './failure-labels';

/** An asset to export: its telemetry is stored under `deviceId`. */
export interface ExportAsset {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
}

/** Reads what an export needs from the relational store: assets and their failures. */
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

  /**
   * Transitions into `FAULT` of the assets in `[fromMs, toMs)`: a `STATE` event whose previous
   * `STATE` event (at any time) was not `FAULT`, so a repeat written after an ingest restart
   * during the same outage does not count twice.
   */
  async failureEvents(
    scope: Scope,
    assetIds: readonly string[],
    fromMs: number,
    toMs: number,
  ): Promise<FailureEvent[]> {
    const params: unknown[] = [assetIds, new Date(fromMs), new Date(toMs)];
    const rows = await this.db.query<{ asset_id: string; observed_at: Date }>(
      `select asset_id, observed_at from (
         select asset_id, observed_at, state,
                lag(state) over (partition by asset_id order by observed_at) as previous
         from state_events
         where kind = 'STATE' and asset_id = any($1::text[]) and observed_at < $3
           and ${scopeCondition(scope, 'tenant_id', params)}
       ) e
       where state = 'FAULT' and previous is distinct from 'FAULT' and observed_at >= $2
       order by asset_id, observed_at`,
      params as string[],
    );
    return rows.map((r) => ({ assetId: r.asset_id, ts: new Date(r.observed_at).getTime() }));
  }
}
