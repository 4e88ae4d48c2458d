import type { AssetScoreHistoryResponse } from '@hourglass/contracts-api';
import type { Scope } from '@hourglass/platform-tenancy';
import type { RiskScoreRepository } from '@hourglass/risk-scoring';
import type { AssetQueryService } from '../asset-query.service';

const DAY_MS = 86_400_000;
/** Ranges longer than this are answered with daily points (up to 2,160 hourly points otherwise). */
export const HOURLY_SCORES_MAX_MS = 90 * DAY_MS;
/** The range answered without `from`: the last 30 days. */
export const DEFAULT_SCORES_RANGE_MS = 30 * DAY_MS;

/** The resolution of a score history range: stored hours up to 90 days, each day's last beyond. */
export function pickScoreResolution(fromMs: number, toMs: number): '1h' | '1d' {
  return toMs - fromMs > HOURLY_SCORES_MAX_MS ? '1d' : '1h';
}

/** `GET /api/assets/{id}/scores`: an asset's risk and RUL over time, in the caller's scope. */
export class AssetScoreHistoryService {
  constructor(
    private readonly assets: Pick<AssetQueryService, 'list'>,
    private readonly scores: Pick<RiskScoreRepository, 'history'>,
  ) {}

  /** The points of [fromMs, toMs), null when the asset is not in the scope. */
  async history(
    scope: Scope,
    assetId: string,
    fromMs: number,
    toMs: number,
  ): Promise<AssetScoreHistoryResponse | null> {
    const [asset] = await this.assets.list(scope, assetId);
    if (!asset) return null;
    const resolution = pickScoreResolution(fromMs, toMs);
    const from = new Date(fromMs);
    const to = new Date(toMs);
    const items = await this.scores.history(scope, assetId, {
      from,
      to,
      resolution: resolution === '1h' ? 'hour' : 'day',
    });
    return { assetId, from: from.toISOString(), to: to.toISOString(), resolution, items };
  }
}
