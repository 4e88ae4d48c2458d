import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** The public asset shape of `/api/assets`. */
export interface AssetView {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
  state: string | null;
  lastSeen: string | null;
  installedAt: string | null;
  risk: { probability: number; horizon: number; rul: number; modelVersion: string; scoredAt: string } | null;
}

const iso = (v: unknown) => (v ? new Date(v as Date).toISOString() : null);

/** Read model joining assets with their latest risk score. */
export class AssetQueryService {
  constructor(private readonly db: SqlDatabase) {}

  /** Assets in id order: one by `id`, or a page of at most `page.limit` after the id `page.after`. */
  async list(scope: Scope, id?: string, page?: { limit: number; after?: string }): Promise<AssetView[]> {
    const params: unknown[] = [id ?? null, page?.after ?? null, page?.limit ?? null];
    const rows = await this.db.query<Record<string, unknown>>(
      `select a.*, r.probability, r.horizon, r.rul, r.model_version, r.scored_at
       from assets a left join risk_scores r on r.asset_id = a.id
       where ($1::text is null or a.id = $1) and ($2::text is null or a.id > $2)
         and ${scopeCondition(scope, 'a.tenant_id', params)}
       order by a.id limit $3::int`,
      params as string[],
    );
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: String(r.tenant_id),
      deviceId: String(r.device_id),
      type: String(r.type),
      state: (r.state as string | null) ?? null,
      lastSeen: iso(r.last_seen),
      installedAt: iso(r.installed_at),
      risk:
        r.scored_at === null || r.scored_at === undefined
          ? null
          : {
              probability: Number(r.probability),
              horizon: Number(r.horizon),
              rul: Number(r.rul),
              modelVersion: String(r.model_version),
              scoredAt: iso(r.scored_at) as string,
            },
    }));
  }
}
