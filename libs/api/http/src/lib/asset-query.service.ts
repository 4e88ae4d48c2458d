import type { AssetRepository } from '@hourglass/devices-registry';
import type { Scope } from '@hourglass/platform-tenancy';
import type { RiskScoreRepository } from '@hourglass/risk-scoring';

/** The public asset shape of `/api/assets`. */
export interface AssetView {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
  state: string | null;
  lastSeen: string | null;
  installedAt: string | null;
  connection: 'ONLINE' | 'OFFLINE' | null;
  connectionSince: string | null;
  risk: {
    probability: number;
    horizon: number;
    rul: number;
    modelVersion: string;
    scoredAt: string;
  } | null;
}

/**
 * Read model of assets with their latest risk score: the registry's assets of the scope and the
 * scores of those assets, two statements whatever the number of assets, merged here.
 */
export class AssetQueryService {
  constructor(
    private readonly assets: Pick<AssetRepository, 'list'>,
    private readonly scores: Pick<RiskScoreRepository, 'latest'>,
  ) {}

  /**
   * Assets in id order: one by `id`, or a page of at most `page.limit` after the id `page.after`;
   * only those with `filter.connection` when given.
   */
  async list(
    scope: Scope,
    id?: string,
    page?: { limit: number; after?: string },
    filter?: { connection?: 'ONLINE' | 'OFFLINE' },
  ): Promise<AssetView[]> {
    const assets = await this.assets.list(scope, id, page, filter);
    if (assets.length === 0) return [];
    const scores = await this.scores.latest(
      scope,
      assets.map((a) => a.id),
    );
    return assets.map((a) => {
      const r = scores.get(a.id);
      return {
        ...a,
        risk: r
          ? {
              probability: r.probability,
              horizon: r.horizon,
              rul: r.rul,
              modelVersion: r.modelVersion,
              scoredAt: r.scoredAt,
            }
          : null,
      };
    });
  }
}
