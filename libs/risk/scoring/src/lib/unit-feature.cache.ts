import {
  FeatureAccumulator,
  buildFeatures,
  type FeatureSpec,
  type HistoryRow,
} from '@hourglass/risk-features';
import type { ScorerModel } from './scorer-model';

/** A model that predicts from prepared feature vectors (RiskModel does). */
export interface PreparedScorerModel extends ScorerModel {
  readonly spec: FeatureSpec;
  predictFeatures(features: Float32Array, n: number): Array<{ rul: number; probability: number }>;
}

export function isPrepared(model: ScorerModel): model is PreparedScorerModel {
  const m = model as Partial<PreparedScorerModel>;
  return typeof m.predictFeatures === 'function' && typeof m.spec === 'object' && m.spec !== null;
}

/** One asset's installed unit as far as it was scored: its feature state per model version. */
export interface UnitState {
  /** Newest row pushed (epoch ms) and its age. */
  lastTs: number;
  lastAge: number;
  /** First row of the unit (epoch ms) and its age. */
  firstTs: number;
  firstAge: number;
  readonly accumulators: Map<string, FeatureAccumulator>;
  /** Round in which it was last used (for eviction). */
  touched: number;
}

/**
 * Feature state of every unit scored by this replica, so a round only reads and prepares the
 * rows that arrived since the last one. A cache, not state: it is rebuilt from stored telemetry
 * whenever it is missing (restart, new replica, new model) or does not match the stored score.
 */
export class UnitFeatureCache {
  private readonly units = new Map<string, UnitState>();
  private readonly verified = new Map<string, boolean>();
  private round = 0;

  /** Units held. */
  get size(): number {
    return this.units.size;
  }

  /**
   * Whether the cache can prepare this model's features: it must predict from feature vectors,
   * and the cache's vectors must equal `buildFeatures` on a probe history (checked once per version).
   */
  supports(model: ScorerModel): model is PreparedScorerModel {
    if (!isPrepared(model)) return false;
    let ok = this.verified.get(model.version);
    if (ok === undefined) {
      ok = probeMatches(model.spec);
      this.verified.set(model.version, ok);
    }
    return ok;
  }

  /** The unit if it was scored exactly up to `windowEnd` for every version of `versions`. */
  warm(
    assetId: string,
    windowEnd: number | null,
    versions: readonly string[],
  ): UnitState | undefined {
    const unit = this.units.get(assetId);
    if (!unit || windowEnd === null || unit.lastTs !== windowEnd) return undefined;
    if (!versions.every((v) => unit.accumulators.has(v))) return undefined;
    unit.touched = this.round;
    return unit;
  }

  /** Starts the unit over from its whole history (oldest first, every row aged). */
  rebuild(
    assetId: string,
    history: readonly HistoryRow[],
    times: readonly number[],
    models: readonly PreparedScorerModel[],
  ): UnitState {
    const unit: UnitState = {
      lastTs: times[times.length - 1],
      lastAge: history[history.length - 1].cycle,
      firstTs: times[0],
      firstAge: history[0].cycle,
      accumulators: new Map(models.map((m) => [m.version, new FeatureAccumulator(m.spec)])),
      touched: this.round,
    };
    for (const acc of unit.accumulators.values()) for (const row of history) acc.push(row);
    this.units.set(assetId, unit);
    return unit;
  }

  /** Pushes newer rows of the same unit (oldest first, every row aged). */
  append(unit: UnitState, rows: readonly HistoryRow[], times: readonly number[]): void {
    for (const acc of unit.accumulators.values()) for (const row of rows) acc.push(row);
    unit.lastTs = times[times.length - 1];
    unit.lastAge = rows[rows.length - 1].cycle;
  }

  /** Writes the unit's normalised features for `model` at `offset` of `out`. */
  write(
    unit: UnitState,
    model: PreparedScorerModel,
    out: Float32Array,
    offset: number,
    scratch: Float64Array,
  ): void {
    const acc = unit.accumulators.get(model.version);
    if (!acc) throw new Error(`no feature state for ${model.version}`);
    normalise(acc, model.spec, out, offset, scratch);
  }

  /** Forgets one unit (its stored state changed under us). */
  forget(assetId: string): void {
    this.units.delete(assetId);
  }

  /** Ends a round: drops units not used for `idleRounds` rounds, and state of versions no longer used. */
  endRound(versions: readonly string[], idleRounds = 100): void {
    const keep = new Set(versions);
    for (const [id, unit] of this.units) {
      if (this.round - unit.touched > idleRounds) this.units.delete(id);
      else for (const v of unit.accumulators.keys()) if (!keep.has(v)) unit.accumulators.delete(v);
    }
    this.round++;
  }
}

function normalise(
  acc: FeatureAccumulator,
  spec: FeatureSpec,
  out: Float32Array,
  offset: number,
  raw: Float64Array,
): void {
  acc.writeRaw(raw);
  const { featureMeans, featureStds } = spec;
  for (let j = 0; j < acc.featureCount; j++)
    out[offset + j] = (raw[j] - featureMeans[j]) / featureStds[j];
}

/** A deterministic 60-row history over the spec's sensors, with a gap, to compare both preparations. */
function probeMatches(spec: FeatureSpec): boolean {
  const history: HistoryRow[] = Array.from({ length: 60 }, (_, i) => ({
    cycle: i + 1,
    metrics: Object.fromEntries(
      spec.sensors
        .filter((_, s) => i !== 17 || s % 3 !== 0)
        .map((name, s) => [
          name,
          spec.sensorMeans[s] + spec.sensorStds[s] * Math.sin(i * 0.37 + s),
        ]),
    ),
  }));
  const acc = new FeatureAccumulator(spec);
  for (const row of history) acc.push(row);
  const mine = new Float32Array(acc.featureCount);
  normalise(acc, spec, mine, 0, new Float64Array(acc.featureCount));
  const reference = buildFeatures(history, spec);
  return (
    reference.length === mine.length &&
    reference.every(
      (v, j) => Object.is(v, mine[j]) || Math.abs(v - mine[j]) <= 1e-6 * Math.max(1, Math.abs(v)),
    )
  );
}
