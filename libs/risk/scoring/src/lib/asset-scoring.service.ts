import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { FreshAssetsSource } from './fresh-assets.source';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import type {
  NewRiskScore,
  RiskScore,
  RiskScoreRepository,
  ScoringCandidate,
} from './risk-score.repository';
import { ScoringBatchPreparer, type BatchItem } from './scoring-batch.preparer';
import type { ScorerModel } from './scorer-model';
import { SINGLE_REPLICA, inPartition, type ScoringPartition } from './scoring-partition';
import { StoreWindowReader, type TelemetryWindowReader } from './telemetry-window.reader';
import { UnitFeatureCache } from './unit-feature.cache';

export { toWindow, type ScoringWindow } from './scoring-window';
export type { BatchItem } from './scoring-batch.preparer';

/** The models of one round: the active one, and a challenger scoring in shadow. */
export interface RoundModels {
  active: ScorerModel;
  shadow?: ScorerModel | null;
}

/** How an asset type's scores count towards a warning. */
export interface ScoringPolicy {
  /** Probability at or above which a score counts towards a warning. */
  threshold: number;
  /** Cycles ahead the probability looks (default: the model's horizon). */
  horizon?: number;
}

export interface AssetScoringOptions {
  /** Probability at or above which a score counts, when no policy is given per type (default 0.5). */
  threshold: number;
  /** Most recent samples read per asset (default 400 cycles). */
  maxHistory: number;
  /** How far back telemetry is read (default 7 days). */
  lookbackMs: number;
  /** Name of the age metric: cycles since the unit was installed (default `cycle`). */
  ageMetric: string;
  /**
   * Assets read, predicted and written together (default 5,000): one inference call and one
   * write per batch, so larger batches amortise their fixed costs; bounds memory and store load.
   */
  batchSize: number;
  /** Assets whose whole windows are read at once when their feature state is rebuilt (default 500). */
  coldChunk: number;
  /** The share of the assets this replica scores (default: all of them). */
  partition: ScoringPartition;
  /**
   * Keep each unit's feature state between rounds and read only newer rows (default true; only
   * for models that predict from feature vectors). Off: every round reads whole windows.
   */
  incremental: boolean;
  /**
   * How long new rows that skip cycles wait for the missing ones before the unit is rebuilt from
   * what is stored (default 30 s; ingest may store batches out of order).
   */
  gapSettleMs: number;
  /**
   * Assets heard from within this many ms are read every round even when their `last_seen` shows
   * nothing new (default 15 s; ingest writes `last_seen` every second). 0 to rely on `last_seen`
   * (and `fresh`) alone.
   */
  activeWindowMs: number;
  /**
   * Which assets just had telemetry made durable, drained at the start of each round (default
   * none: `last_seen` alone). In one process with ingest it spares the wait for `last_seen`.
   */
  fresh: FreshAssetsSource | null;
}

/** One asset's fresh score, with what the alert policy needs to act on it. */
export interface ScoredAsset extends RiskScore {
  /** The asset's type (for its warning policy). */
  assetType: string;
  /** Timestamp of the newest sample scored, epoch ms. */
  lastTs: number;
  /** Mean milliseconds per cycle over the history (to turn remaining cycles into a date). */
  msPerCycle: number;
  /** Set when this round saw a new unit installed since the last one. */
  installedAt?: number;
}

/** Probability of failure within the horizon at or above which a score counts, unless a policy says otherwise (`HG_RISK_THRESHOLD`). */
export const DEFAULT_RISK_THRESHOLD = 0.5;

const DEFAULTS: AssetScoringOptions = {
  threshold: DEFAULT_RISK_THRESHOLD,
  maxHistory: 400,
  lookbackMs: 7 * 86_400_000,
  ageMetric: 'cycle',
  batchSize: 5_000,
  coldChunk: 500,
  partition: SINGLE_REPLICA,
  incremental: true,
  gapSettleMs: 30_000,
  activeWindowMs: 15_000,
  fresh: null,
};

/**
 * Scores every asset of this replica's partition that has new telemetry: reads its window from
 * the telemetry store (only the rows since its last score when the unit's feature state is
 * cached), keeps the rows of the unit installed now, predicts a batch of assets in one call and
 * stores the batch's scores in one statement. A shadow model scores the same windows into its own
 * table; only the active model's scores are returned (and raise tasks).
 */
export class AssetScoringService {
  private readonly options: AssetScoringOptions;
  private readonly preparer: ScoringBatchPreparer;
  private readonly cache = new UnitFeatureCache();
  private readonly m;

  constructor(
    source: TelemetryWindowReader | TelemetryStore,
    private readonly scores: RiskScoreRepository,
    metrics: MetricsRegistry,
    options: Partial<AssetScoringOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULTS, ...options };
    const reader = 'read' in source ? source : new StoreWindowReader(source);
    this.preparer = new ScoringBatchPreparer(reader, this.cache, this.options);
    this.m = {
      scored: metrics.counter('hg_scoring_assets_scored_total', 'asset scores written'),
      shadow: metrics.counter(
        'hg_scoring_shadow_scores_total',
        'shadow (challenger) scores written',
      ),
      cached: metrics.gauge(
        'hg_scoring_cached_units',
        'units whose feature state is kept between rounds',
      ),
      seconds: metrics.histogram(
        'hg_scoring_round_seconds',
        'time per scoring round',
        [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      ),
    };
  }

  /** One round over every candidate; `policy` gives each asset type's threshold and horizon. */
  async scoreAll(
    models: RoundModels,
    policy?: (assetType: string) => ScoringPolicy,
  ): Promise<ScoredAsset[]> {
    const t0 = performance.now();
    const active =
      this.options.activeWindowMs > 0 ? this.now() - this.options.activeWindowMs : null;
    // Drained before the registry is read: it may first write the `last_seen` of new assets.
    const fresh = (await this.options.fresh?.take()) ?? new Map<string, number>();
    const all = await this.scores.candidates(active, fresh);
    const mine = all.filter((c) => inPartition(c.assetId, this.options.partition));
    const resolve = policy ?? (() => ({ threshold: this.options.threshold }));
    const roundModels = models.shadow ? [models.active, models.shadow] : [models.active];
    const out: ScoredAsset[] = [];
    for (let i = 0; i < mine.length; i += this.options.batchSize) {
      out.push(
        ...(await this.scoreBatch(
          mine.slice(i, i + this.options.batchSize),
          models,
          roundModels,
          resolve,
        )),
      );
    }
    if (this.options.incremental) this.cache.endRound(roundModels.map((m) => m.version));
    this.m.cached.set(this.cache.size);
    this.m.scored.inc(out.length);
    this.m.seconds.observe((performance.now() - t0) / 1000);
    return out;
  }

  private async scoreBatch(
    candidates: ScoringCandidate[],
    models: RoundModels,
    roundModels: ScorerModel[],
    policy: (assetType: string) => ScoringPolicy,
  ): Promise<ScoredAsset[]> {
    const now = this.now();
    const batch = await this.preparer.prepare(
      candidates,
      roundModels,
      now,
      this.options.incremental,
    );
    const { items } = batch;
    if (items.length === 0) return [];
    const scoredAt = new Date(now).toISOString();
    const policies = items.map((w) => policy(w.candidate.type));
    const active = toScores(models.active, batch.predict(models.active), items, policies, scoredAt);
    const installed = items.filter((w) => w.installedAt !== undefined);
    if (installed.length > 0) {
      await this.scores.markInstalled(
        installed.map((w) => ({ assetId: w.candidate.assetId, at: w.installedAt as number })),
      );
    }
    const saved = await this.scores.saveMany(
      active.map((s, i) => ({ score: s, above: s.probability >= policies[i].threshold })),
    );
    if (models.shadow) {
      await this.scores.saveShadow(
        toScores(models.shadow, batch.predict(models.shadow), items, policies, scoredAt),
      );
      this.m.shadow.inc(items.length);
    }
    return saved.map((s, i) => ({
      ...s,
      assetType: items[i].candidate.type,
      lastTs: items[i].lastTs,
      msPerCycle: items[i].msPerCycle,
      ...(items[i].installedAt !== undefined ? { installedAt: items[i].installedAt } : {}),
    }));
  }
}

function toScores(
  model: ScorerModel,
  predictions: ReadonlyArray<{ rul: number; probability: number }>,
  items: readonly BatchItem[],
  policies: readonly ScoringPolicy[],
  scoredAt: string,
): NewRiskScore[] {
  return items.map((w, i) => {
    const { rul } = predictions[i];
    const horizon = policies[i].horizon ?? model.horizon;
    return {
      assetId: w.candidate.assetId,
      tenantId: w.candidate.tenantId,
      probability:
        horizon === model.horizon
          ? predictions[i].probability
          : model.probabilityWithin(rul, horizon),
      horizon,
      rul,
      modelVersion: model.version,
      scoredAt,
      windowEnd: new Date(w.lastTs).toISOString(),
    };
  });
}
