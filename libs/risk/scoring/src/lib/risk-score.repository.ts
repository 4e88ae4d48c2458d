import type { SqlDatabase } from '@hourglass/platform-sql';

/** The latest score of an asset, as stored. */
export interface RiskScore {
  assetId: string;
  tenantId: string;
  probability: number;
  horizon: number;
  rul: number;
  modelVersion: string;
  scoredAt: string;
  windowEnd: string;
  /** Consecutive scores at or above the warning threshold (the alert policy's hysteresis). */
  consecutiveAbove: number;
}

/** An asset to score, with what scoring already knows about it. */
export interface ScoringCandidate {
  assetId: string;
  tenantId: string;
  type: string;
  lastSeen: number;
  installedAt: number | null;
  windowEnd: number | null;
}

/** Risk scores and scoring bookkeeping in the relational store (no scoring state only in memory). */
export class RiskScoreRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Assets with telemetry newer than their last score. */
  async candidates(): Promise<ScoringCandidate[]> {
    const rows = await this.db.query<{
      id: string;
      tenant_id: string;
      type: string;
      last_seen: Date;
      installed_at: Date | null;
      window_end: Date | null;
    }>(
      `select a.id, a.tenant_id, a.type, a.last_seen, a.installed_at, r.window_end
       from assets a left join risk_scores r on r.asset_id = a.id
       where a.last_seen is not null and (r.window_end is null or r.window_end < a.last_seen)
       order by a.id`,
    );
    return rows.map((r) => ({
      assetId: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      lastSeen: new Date(r.last_seen).getTime(),
      installedAt: r.installed_at ? new Date(r.installed_at).getTime() : null,
      windowEnd: r.window_end ? new Date(r.window_end).getTime() : null,
    }));
  }

  /** Stores a score; `above` says whether it reached the threshold, for the consecutive count. */
  async save(score: Omit<RiskScore, 'consecutiveAbove'>, above: boolean): Promise<RiskScore> {
    const rows = await this.db.query<{ consecutive_above: number }>(
      `insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end, consecutive_above)
       values ($1, $2, $3, $4, $5, $6, $7, $8, case when $9 then 1 else 0 end)
       on conflict (asset_id) do update set probability = excluded.probability, horizon = excluded.horizon,
         rul = excluded.rul, model_version = excluded.model_version, scored_at = excluded.scored_at,
         window_end = excluded.window_end,
         consecutive_above = case when $9 then risk_scores.consecutive_above + 1 else 0 end
       returning consecutive_above`,
      [
        score.assetId, score.tenantId, score.probability, score.horizon, score.rul, score.modelVersion,
        score.scoredAt, score.windowEnd, above,
      ],
    );
    return { ...score, consecutiveAbove: Number(rows[0].consecutive_above) };
  }

  /** Records that a new unit was installed on the asset (its age counter restarted). */
  async markInstalled(assetId: string, at: number): Promise<void> {
    await this.db.query('update assets set installed_at = $2 where id = $1', [assetId, new Date(at)]);
  }
}
