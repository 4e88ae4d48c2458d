import type { HistoryRow } from '@hourglass/risk-features';
import type { TelemetryRow } from '@hourglass/telemetry-store';
import type { ScorerModel } from './scorer-model';
import type { ScoringCandidate } from './risk-score.repository';
import { toWindow } from './scoring-window';
import type { TelemetryWindowReader } from './telemetry-window.reader';
import { UnitFeatureCache, type PreparedScorerModel, type UnitState } from './unit-feature.cache';

/** An asset of a batch with new rows to score. */
export interface BatchItem {
  candidate: ScoringCandidate;
  lastTs: number;
  msPerCycle: number;
  installedAt?: number;
}

/** A batch read and prepared: the assets to score and how each model predicts them. */
export interface PreparedBatch {
  items: BatchItem[];
  predict(model: ScorerModel): Array<{ rul: number; probability: number }>;
}

/** What the preparer needs of the scoring options. */
export interface WindowSettings {
  maxHistory: number;
  lookbackMs: number;
  ageMetric: string;
  gapSettleMs: number;
  /** Assets whose whole windows are read at once when their feature state is rebuilt. */
  coldChunk: number;
}

const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Reads a batch's telemetry and prepares its features. With models that predict from feature
 * vectors it reads only the rows newer than each asset's last score and extends the cached
 * feature state ({@link UnitFeatureCache}); units not in the cache are read in full and cached.
 * Otherwise every asset's whole window is read and handed to `model.predict`.
 */
export class ScoringBatchPreparer {
  constructor(
    private readonly reader: TelemetryWindowReader,
    private readonly cache: UnitFeatureCache,
    private readonly settings: WindowSettings,
  ) {}

  /** Prepares a batch for `models`; `incremental` false reads whole windows whatever the models. */
  async prepare(
    candidates: readonly ScoringCandidate[],
    models: readonly ScorerModel[],
    now: number,
    incremental = true,
  ): Promise<PreparedBatch> {
    const prepared = models.filter((m): m is PreparedScorerModel => this.cache.supports(m));
    return incremental && prepared.length === models.length
      ? this.incremental(candidates, prepared, now)
      : this.full(candidates, now);
  }

  private async full(candidates: readonly ScoringCandidate[], now: number): Promise<PreparedBatch> {
    const rows = await this.readWhole(candidates, now);
    const items: BatchItem[] = [];
    const histories: HistoryRow[][] = [];
    for (const c of candidates) {
      const w = toWindow(c, rows.get(c.assetId) ?? [], this.settings.ageMetric);
      if (!w || !isNew(c, w.lastTs)) continue;
      items.push({
        candidate: c,
        lastTs: w.lastTs,
        msPerCycle: w.msPerCycle,
        ...(w.installedAt !== undefined ? { installedAt: w.installedAt } : {}),
      });
      histories.push(w.history);
    }
    return { items, predict: (model) => model.predict(histories) };
  }

  private async incremental(
    candidates: readonly ScoringCandidate[],
    models: PreparedScorerModel[],
    now: number,
  ): Promise<PreparedBatch> {
    const versions = models.map((m) => m.version);
    const warm: Array<[ScoringCandidate, UnitState]> = [];
    const cold: ScoringCandidate[] = [];
    for (const c of candidates) {
      const unit = this.cache.warm(c.assetId, c.windowEnd, versions);
      if (unit) warm.push([c, unit]);
      else cold.push(c);
    }
    const items: Array<BatchItem & { unit: UnitState }> = [];
    const fresh = await this.reader.read(
      warm.map(([c, u]) => ({ deviceId: c.assetId, after: u.lastTs })),
      now + FUTURE_SLACK_MS,
      this.settings.maxHistory,
    );
    for (const [c, unit] of warm) {
      const rows = fresh.get(c.assetId) ?? [];
      // As many rows as the limit: some may be missing between the cached state and these.
      if (rows.length >= this.settings.maxHistory) cold.push(c);
      else if (this.extend(c, unit, rows, models, items, now) === 'rebuild') cold.push(c);
    }
    // Whole windows are large: read and folded into the cache a chunk at a time.
    for (let i = 0; i < cold.length; i += this.settings.coldChunk) {
      const chunk = cold.slice(i, i + this.settings.coldChunk);
      const whole = await this.readWhole(chunk, now);
      for (const c of chunk) {
        const w = toWindow(c, whole.get(c.assetId) ?? [], this.settings.ageMetric);
        if (!w) continue;
        const unit = this.cache.rebuild(c.assetId, w.history, w.times, models);
        if (!isNew(c, w.lastTs)) continue;
        items.push({
          candidate: c,
          lastTs: w.lastTs,
          msPerCycle: w.msPerCycle,
          unit,
          ...(w.installedAt !== undefined ? { installedAt: w.installedAt } : {}),
        });
      }
    }
    return {
      items,
      predict: (model) => {
        const m = model as PreparedScorerModel;
        const width = m.spec.featureNames.length;
        const features = new Float32Array(items.length * width);
        const scratch = new Float64Array(width);
        items.forEach((item, i) => this.cache.write(item.unit, m, features, i * width, scratch));
        return m.predictFeatures(features, items.length);
      },
    };
  }

  /**
   * Pushes a warm unit's new rows, or rebuilds it when they start a new unit. Rows whose age
   * skips cycles may be overtaken by rows still being written (batches are stored concurrently):
   * the unit waits for them, and after `gapSettleMs` is rebuilt from what is stored.
   */
  private extend(
    c: ScoringCandidate,
    unit: UnitState,
    rows: readonly TelemetryRow[],
    models: PreparedScorerModel[],
    items: Array<BatchItem & { unit: UnitState }>,
    now: number,
  ): 'rebuild' | undefined {
    if (rows.length === 0) return;
    const age = this.settings.ageMetric;
    const aged = rows.filter((r) => Number.isFinite(r.metrics[age]));
    const replaced = aged.some(
      (r, i) => r.metrics[age] < (i === 0 ? unit.lastAge : aged[i - 1].metrics[age]),
    );
    if (replaced) {
      const w = toWindow(c, rows, age);
      if (!w) {
        this.cache.forget(c.assetId);
        return;
      }
      const next = this.cache.rebuild(c.assetId, w.history, w.times, models);
      items.push({
        candidate: c,
        lastTs: w.lastTs,
        msPerCycle: w.msPerCycle,
        unit: next,
        ...(w.installedAt !== undefined ? { installedAt: w.installedAt } : {}),
      });
      return;
    }
    if (aged.length === 0) return;
    const gap = aged.some(
      (r, i) => r.metrics[age] - (i === 0 ? unit.lastAge : aged[i - 1].metrics[age]) > 1,
    );
    if (gap) return now - aged[0].ts < this.settings.gapSettleMs ? undefined : 'rebuild';
    this.cache.append(
      unit,
      aged.map((r) => ({ cycle: r.metrics[age], metrics: r.metrics })),
      aged.map((r) => r.ts),
    );
    // A failed unit is not scored (as a full read would not); the stored score stays behind the cache.
    if (rows[rows.length - 1].state === 'FAULT') {
      this.cache.forget(c.assetId);
      return;
    }
    const cycles = unit.lastAge - unit.firstAge;
    items.push({
      candidate: c,
      lastTs: unit.lastTs,
      msPerCycle: cycles > 0 ? (unit.lastTs - unit.firstTs) / cycles : 1000,
      unit,
    });
  }

  private readWhole(
    candidates: readonly ScoringCandidate[],
    now: number,
  ): Promise<Map<string, TelemetryRow[]>> {
    return this.reader.read(
      candidates.map((c) => ({ deviceId: c.assetId, after: now - this.settings.lookbackMs })),
      now + FUTURE_SLACK_MS,
      this.settings.maxHistory,
    );
  }
}

/** Whether the window ends after the stored score's (otherwise nothing new arrived). */
function isNew(c: ScoringCandidate, lastTs: number): boolean {
  return c.windowEnd === null || lastTs > c.windowEnd;
}
