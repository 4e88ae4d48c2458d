import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { HistoryRow } from '@hourglass/risk-features';
import type { TelemetryRow, TelemetryStore } from '@hourglass/telemetry-store';
import type { RiskScore, RiskScoreRepository, ScoringCandidate } from './risk-score.repository';

/** What scoring needs of a model version. */
export interface ScorerModel {
  readonly version: string;
  readonly horizon: number;
  predict(histories: HistoryRow[][]): Array<{ rul: number; probability: number }>;
}

export interface AssetScoringOptions {
  /** Probability at or above which a score counts towards a warning (default 0.5). */
  threshold: number;
  /** Most recent samples read per asset (default 400 cycles). */
  maxHistory: number;
  /** How far back telemetry is read (default 7 days). */
  lookbackMs: number;
  /** Name of the age metric: cycles since the unit was installed (default `cycle`). */
  ageMetric: string;
}

/** One asset's fresh score, with what the alert policy needs to act on it. */
export interface ScoredAsset extends RiskScore {
  /** Timestamp of the newest sample scored, epoch ms. */
  lastTs: number;
  /** Mean milliseconds per cycle over the history (to turn remaining cycles into a date). */
  msPerCycle: number;
  /** Set when this round saw a new unit installed since the last one. */
  installedAt?: number;
}

const DEFAULTS: AssetScoringOptions = { threshold: 0.5, maxHistory: 400, lookbackMs: 7 * 86_400_000, ageMetric: 'cycle' };

/**
 * Scores every asset with new telemetry: reads its recent window from the telemetry store,
 * keeps the rows of the unit installed now, predicts all assets in one batch and stores the scores.
 */
export class AssetScoringService {
  private readonly options: AssetScoringOptions;
  private readonly m;

  constructor(
    private readonly store: TelemetryStore,
    private readonly scores: RiskScoreRepository,
    private readonly model: () => ScorerModel,
    metrics: MetricsRegistry,
    options: Partial<AssetScoringOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.m = {
      scored: metrics.counter('hg_scoring_assets_scored_total', 'asset scores written'),
      seconds: metrics.histogram('hg_scoring_round_seconds', 'time per scoring round', [0.01, 0.05, 0.1, 0.5, 1, 5, 30]),
    };
  }

  async scoreAll(): Promise<ScoredAsset[]> {
    const t0 = performance.now();
    const candidates = await this.scores.candidates();
    const windows = await Promise.all(candidates.map((c) => this.window(c)));
    const ready = windows.filter((w): w is Window => w !== null);
    if (ready.length === 0) return [];
    const model = this.model();
    const predictions = model.predict(ready.map((w) => w.history));
    const out: ScoredAsset[] = [];
    for (let i = 0; i < ready.length; i++) {
      const w = ready[i];
      const p = predictions[i];
      if (w.installedAt !== undefined) await this.scores.markInstalled(w.candidate.assetId, w.installedAt);
      const saved = await this.scores.save(
        {
          assetId: w.candidate.assetId,
          tenantId: w.candidate.tenantId,
          probability: p.probability,
          horizon: model.horizon,
          rul: p.rul,
          modelVersion: model.version,
          scoredAt: new Date(this.now()).toISOString(),
          windowEnd: new Date(w.lastTs).toISOString(),
        },
        p.probability >= this.options.threshold,
      );
      out.push({ ...saved, lastTs: w.lastTs, msPerCycle: w.msPerCycle, installedAt: w.installedAt });
    }
    this.m.scored.inc(out.length);
    this.m.seconds.observe((performance.now() - t0) / 1000);
    return out;
  }

  private async window(candidate: ScoringCandidate): Promise<Window | null> {
    const now = this.now();
    const rows = await this.store.query(candidate.assetId, {
      from: now - this.options.lookbackMs,
      to: now + 5 * 60_000,
      limit: this.options.maxHistory,
      newest: true,
    });
    return toWindow(candidate, rows, this.options.ageMetric);
  }
}

interface Window {
  candidate: ScoringCandidate;
  history: HistoryRow[];
  lastTs: number;
  msPerCycle: number;
  installedAt?: number;
}

/** The rows of the unit installed now; null when there is nothing to score (or it already failed). */
export function toWindow(candidate: ScoringCandidate, rows: readonly TelemetryRow[], ageMetric: string): Window | null {
  const last = rows[rows.length - 1];
  if (!last || last.state === 'FAULT') return null;
  const aged = rows.filter((r) => Number.isFinite(r.metrics[ageMetric]));
  let start = 0;
  for (let i = 1; i < aged.length; i++) if (aged[i].metrics[ageMetric] < aged[i - 1].metrics[ageMetric]) start = i;
  const unit = aged.slice(start);
  if (unit.length === 0) return null;
  const first = unit[0];
  const lastRow = unit[unit.length - 1];
  const cycles = lastRow.metrics[ageMetric] - first.metrics[ageMetric];
  const installed = first.metrics[ageMetric] <= 1 && (candidate.installedAt === null || first.ts > candidate.installedAt);
  return {
    candidate,
    history: unit.map((r) => ({ cycle: r.metrics[ageMetric], metrics: r.metrics })),
    lastTs: lastRow.ts,
    msPerCycle: cycles > 0 ? (lastRow.ts - first.ts) / cycles : 1000,
    ...(installed ? { installedAt: first.ts } : {}),
  };
}
