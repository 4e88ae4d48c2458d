import type { AssetInstall, AssetRepository } from '@hourglass/devices-registry';
import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { assignedCondition, scopeCondition, type Scope } from '@hourglass/platform-tenancy';

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

/** An asset whose latest score reaches its warning threshold (see {@link RiskScoreRepository.atOrAboveThreshold}). */
export interface AssetRiskAboveThreshold {
  assetId: string;
  type: string;
  probability: number;
  rul: number;
  threshold: number;
}

/** A score about to be stored. */
export type NewRiskScore = Omit<RiskScore, 'consecutiveAbove'>;

/** Granularity of {@link RiskScoreRepository.history}: every stored hour, or each UTC day's last. */
export type ScoreHistoryResolution = 'hour' | 'day';

/** One point of an asset's score history. */
export interface ScoreHistoryPoint {
  scoredAt: string;
  probability: number;
  rul: number;
  modelVersion: string;
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
  constructor(
    private readonly db: SqlDatabase,
    /** The asset registry: which assets exist and have reported, and where installs are recorded. */
    private readonly assets: Pick<AssetRepository, 'heardFrom' | 'markInstalled' | 'types'>,
  ) {}

  /**
   * Assets with telemetry newer than their last score, and every asset heard from since
   * `activeSince` (epoch ms): ingest writes `last_seen` only every second or so, so an asset being
   * heard from may have rows its `last_seen` does not show yet. `fresh` (asset id -> newest durable
   * device time, from a `FreshAssetsSource`) counts as a newer `last_seen`. One statement per
   * owner (the registry's assets, this lib's window ends), joined here.
   */
  async candidates(
    activeSince: number | null = null,
    fresh: ReadonlyMap<string, number> = new Map(),
  ): Promise<ScoringCandidate[]> {
    const [assets, windowEnds] = await Promise.all([this.assets.heardFrom(), this.windowEnds()]);
    const candidates: ScoringCandidate[] = [];
    for (const a of assets) {
      const windowEnd = Object.hasOwn(windowEnds, a.id) ? windowEnds[a.id] : null;
      const lastSeen = Math.max(a.lastSeen, fresh.get(a.id) ?? -Infinity);
      const newer = windowEnd === null || windowEnd < lastSeen;
      if (!newer && (activeSince === null || lastSeen < activeSince)) continue;
      candidates.push({
        assetId: a.id,
        tenantId: a.tenantId,
        type: a.type,
        lastSeen: Math.round(lastSeen),
        installedAt: a.installedAt === null ? null : Math.round(a.installedAt),
        windowEnd: windowEnd === null ? null : Math.round(windowEnd),
      });
    }
    return candidates;
  }

  /** The `window_end` of every scored asset (epoch ms, fractions kept), by asset id. */
  private async windowEnds(): Promise<Record<string, number | null>> {
    // One JSON document, as in AssetRepository.heardFrom: parsed natively, not field by field.
    const [row] = await this.db.query<{ ends: unknown }>(
      `select coalesce(json_object_agg(asset_id, (extract(epoch from window_end) * 1000)::float8), '{}') as ends
       from risk_scores`,
    );
    return parseJson(row?.ends) as Record<string, number | null>;
  }

  /**
   * The latest scores of the given assets within a scope (assets never scored are missing); a
   * partner sees those of its assigned assets, as with the score history.
   */
  async latest(scope: Scope, assetIds: readonly string[]): Promise<Map<string, RiskScore>> {
    const params: unknown[] = [assetIds];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from risk_scores where asset_id = any($1::text[]) and ${assignedCondition(scope, { tenant: 'tenant_id', asset: 'asset_id' }, params)}`,
      params as SqlValue[],
    );
    return new Map(
      rows.map((r) => [
        String(r['asset_id']),
        { ...toScore(r), consecutiveAbove: Number(r['consecutive_above']) },
      ]),
    );
  }

  /** When the newest score of any of `assetIds` was stored (null: none scored); a change marker for caches. */
  async lastScoredAt(assetIds: readonly string[]): Promise<string | null> {
    const [row] = await this.db.query<{ at: string | null }>(
      'select max(scored_at)::text as at from risk_scores where asset_id = any($1::text[])',
      [assetIds as string[]],
    );
    return row?.at ?? null;
  }

  /**
   * Stores a batch of scores in one statement; `above` says whether each reached its threshold,
   * which continues or resets the asset's consecutive count. The same statement keeps the hour's
   * latest score in `risk_score_history` (one row per asset and UTC hour). Returns them in input order.
   */
  async saveMany(
    batch: ReadonlyArray<{ score: NewRiskScore; above: boolean }>,
  ): Promise<RiskScore[]> {
    if (batch.length === 0) return [];
    const [row] = await this.db.query<{ counts: unknown }>(
      `with saved as (insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end, consecutive_above)
       select * from unnest($1::text[], $2::text[], $3::float8[], $4::int[], $5::float8[], $6::text[],
         $7::timestamptz[], $8::timestamptz[], $9::int[])
       on conflict (asset_id) do update set probability = excluded.probability, horizon = excluded.horizon,
         rul = excluded.rul, model_version = excluded.model_version, scored_at = excluded.scored_at,
         window_end = excluded.window_end,
         consecutive_above = case when excluded.consecutive_above = 1 then risk_scores.consecutive_above + 1 else 0 end
       returning asset_id, consecutive_above),
       hourly as (insert into risk_score_history (asset_id, hour, tenant_id, probability, rul, model_version, scored_at)
       select s.asset_id, to_timestamp(floor(extract(epoch from s.scored_at) / 3600) * 3600), s.tenant_id,
         s.probability, s.rul, s.model_version, s.scored_at
       from unnest($1::text[], $2::text[], $3::float8[], $5::float8[], $6::text[], $7::timestamptz[])
         as s(asset_id, tenant_id, probability, rul, model_version, scored_at)
       on conflict (asset_id, hour) do update set probability = excluded.probability, rul = excluded.rul,
         model_version = excluded.model_version, scored_at = excluded.scored_at
       where excluded.scored_at >= risk_score_history.scored_at)
       select coalesce(json_object_agg(asset_id, consecutive_above), '{}') as counts from saved`,
      [...scoreColumns(batch.map((b) => b.score)), batch.map((b) => (b.above ? 1 : 0))],
    );
    const counts = parseJson(row?.counts) as Record<string, number>;
    return batch.map((b) => ({
      ...b.score,
      consecutiveAbove: Number(counts[b.score.assetId] ?? 0),
    }));
  }

  /**
   * Deletes the score history of the UTC hours before `before`, `assetsPerStatement` assets at a time
   * (each statement a range read of the primary key per asset, so no index on `hour` alone is needed
   * and no statement holds the table for long). Returns the rows deleted.
   */
  async purgeHistory(before: Date, assetsPerStatement = 1_000): Promise<number> {
    let deleted = 0;
    let after = '';
    for (;;) {
      const ids = (
        await this.db.query<{ asset_id: string }>(
          `select asset_id from risk_scores where asset_id > $1 order by asset_id limit $2`,
          [after, assetsPerStatement],
        )
      ).map((r) => r.asset_id);
      if (ids.length === 0) return deleted;
      const [row] = await this.db.query<{ n: number | string }>(
        `with gone as (delete from risk_score_history where asset_id = any($1::text[]) and hour < $2
           returning 1)
         select count(*) as n from gone`,
        [ids, before.toISOString()],
      );
      deleted += Number(row?.n ?? 0);
      after = ids[ids.length - 1];
    }
  }

  /**
   * An asset's score history within a scope, oldest first: the stored points of the UTC hours
   * that overlap [from, to), or with `resolution: 'day'` each UTC day's last of them. A partner
   * sees its assigned assets' history; an asset outside the scope has no points (the caller decides
   * whether it exists).
   */
  async history(
    scope: Scope,
    assetId: string,
    range: { from: Date; to: Date; resolution: ScoreHistoryResolution },
  ): Promise<ScoreHistoryPoint[]> {
    const params: unknown[] = [assetId, range.from.toISOString(), range.to.toISOString()];
    // By hour, not scored_at: the current hour's row is rewritten by every round, so its scored_at
    // can be after a `to` of "now" taken a moment earlier.
    const inRange = `asset_id = $1 and hour > $2::timestamptz - interval '1 hour' and hour < $3::timestamptz
       and ${assignedCondition(scope, { tenant: 'tenant_id', asset: 'asset_id' }, params)}`;
    const sql =
      range.resolution === 'hour'
        ? `select scored_at, probability, rul, model_version from risk_score_history
           where ${inRange} order by hour`
        : `select scored_at, probability, rul, model_version from (
             select distinct on (floor(extract(epoch from hour) / 86400)) scored_at, probability, rul, model_version
             from risk_score_history where ${inRange}
             order by floor(extract(epoch from hour) / 86400), hour desc) d
           order by scored_at`;
    const rows = await this.db.query<Record<string, unknown>>(sql, params as SqlValue[]);
    return rows.map((r) => ({
      scoredAt: new Date(r['scored_at'] as Date).toISOString(),
      probability: Number(r['probability']),
      rul: Number(r['rul']),
      modelVersion: String(r['model_version']),
    }));
  }

  /**
   * The assets among `assetIds` whose latest probability is at or above the threshold of their type
   * (`thresholds.byType`, else `thresholds.fallback`), most likely first (then by id), at most `limit`.
   */
  async atOrAboveThreshold(
    assetIds: readonly string[],
    thresholds: { byType: ReadonlyMap<string, number>; fallback: number },
    limit: number,
  ): Promise<AssetRiskAboveThreshold[]> {
    // The types come from the registry (one statement), the scores and the cut from here (one statement).
    const types = await this.assets.types(assetIds);
    if (types.size === 0) return [];
    const rows = await this.db.query<{
      asset_id: string;
      type: string;
      probability: number;
      rul: number;
      threshold: number;
    }>(
      `select r.asset_id, a.type, r.probability, r.rul, coalesce(w.threshold, $1) as threshold
       from risk_scores r join unnest($3::text[], $4::text[]) as a(id, type) on a.id = r.asset_id
         left join unnest($5::text[], $6::float8[]) as w(asset_type, threshold) on w.asset_type = a.type
       where r.probability >= coalesce(w.threshold, $1)
       order by r.probability desc, r.asset_id limit $2`,
      [
        thresholds.fallback,
        limit,
        [...types.keys()],
        [...types.values()],
        [...thresholds.byType.keys()],
        [...thresholds.byType.values()],
      ],
    );
    return rows.map((r) => ({
      assetId: r.asset_id,
      type: r.type,
      probability: Number(r.probability),
      rul: Number(r.rul),
      threshold: Number(r.threshold),
    }));
  }

  /** Stores a challenger's scores apart from the live ones (latest per asset and version). */
  async saveShadow(scores: readonly NewRiskScore[]): Promise<void> {
    if (scores.length === 0) return;
    await this.db.query(
      `insert into shadow_risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end)
       select * from unnest($1::text[], $2::text[], $3::float8[], $4::int[], $5::float8[], $6::text[],
         $7::timestamptz[], $8::timestamptz[])
       on conflict (asset_id, model_version) do update set probability = excluded.probability,
         horizon = excluded.horizon, rul = excluded.rul, scored_at = excluded.scored_at, window_end = excluded.window_end`,
      scoreColumns(scores),
    );
  }

  /** The latest shadow scores of a version, by asset id (for comparing a challenger with the active one). */
  async shadowScores(scope: Scope, modelVersion: string): Promise<NewRiskScore[]> {
    const params: unknown[] = [modelVersion];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from shadow_risk_scores where model_version = $1 and ${scopeCondition(scope, 'tenant_id', params)} order by asset_id`,
      params as string[],
    );
    return rows.map(toScore);
  }

  /** Records that new units were installed on assets (their age counters restarted), in the registry. */
  markInstalled(installs: readonly AssetInstall[]): Promise<void> {
    return this.assets.markInstalled(installs);
  }
}

/** A row of either score table as a score. */
function toScore(r: Record<string, unknown>): NewRiskScore {
  return {
    assetId: String(r['asset_id']),
    tenantId: String(r['tenant_id']),
    probability: Number(r['probability']),
    horizon: Number(r['horizon']),
    rul: Number(r['rul']),
    modelVersion: String(r['model_version']),
    scoredAt: new Date(r['scored_at'] as Date).toISOString(),
    windowEnd: new Date(r['window_end'] as Date).toISOString(),
  };
}

/** A json column as the driver hands it over: parsed already (node-postgres, PGlite) or as text. */
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** The columns both score tables are written from, in their `unnest` order ($1-$8). */
function scoreColumns(scores: readonly NewRiskScore[]): SqlValue[] {
  return [
    scores.map((s) => s.assetId),
    scores.map((s) => s.tenantId),
    scores.map((s) => s.probability),
    scores.map((s) => s.horizon),
    scores.map((s) => s.rul),
    scores.map((s) => s.modelVersion),
    scores.map((s) => s.scoredAt),
    scores.map((s) => s.windowEnd),
  ];
}
