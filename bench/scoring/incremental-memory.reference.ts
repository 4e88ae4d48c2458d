// Like-for-like reference of a steady scoring round: the same incremental work with no SQL. Each
// asset's feature state is kept in the same UnitFeatureCache scoring uses, extended by the rows
// the round adds, written into one feature batch and predicted with one `predictFeatures` call per
// batch, same model, backend, process and batch size. Candidates, reads and writes are left out.
import type { RiskModel } from '@hourglass/risk-model';
import { UnitFeatureCache, type UnitState } from '@hourglass/risk-scoring';
import { rowTime, type BenchAsset } from './fleet-history';

/** One timed pass: its wall time and the share spent extending state and in inference. */
export interface IncrementalPass {
  seconds: number;
  featuresSeconds: number;
  inferenceSeconds: number;
  assets: number;
}

/** Feature state per asset, advanced in step with the scoring rounds. */
export class IncrementalInMemoryReference {
  private readonly cache = new UnitFeatureCache();
  private readonly units: UnitState[];
  /** Rows pushed so far per asset. */
  private readonly pushed: number[];

  /** Builds every asset's state from its rows written so far (not timed: scoring's cold round does this). */
  constructor(
    private readonly model: RiskModel,
    private readonly fleet: readonly BenchAsset[],
    private readonly start: number,
  ) {
    this.units = fleet.map((a) => {
      const rows = a.unit.slice(0, a.written);
      const times = rows.map((_, i) => rowTime(start, i));
      return this.cache.rebuild(a.id, rows, times, [model]);
    });
    this.pushed = fleet.map((a) => a.written);
  }

  /** Pushes every asset's rows written since the last pass, then predicts all of them, `batchSize` per call. */
  pass(batchSize: number): IncrementalPass {
    const width = this.model.featureCount;
    const scratch = new Float64Array(width);
    let featuresMs = 0;
    let inferenceMs = 0;
    const t0 = performance.now();
    for (let i = 0; i < this.fleet.length; i += batchSize) {
      const m = Math.min(batchSize, this.fleet.length - i);
      const tf = performance.now();
      const features = new Float32Array(m * width);
      for (let k = 0; k < m; k++) {
        this.extend(i + k);
        this.cache.write(this.units[i + k], this.model, features, k * width, scratch);
      }
      const tp = performance.now();
      featuresMs += tp - tf;
      const out = this.model.predictFeatures(features, m);
      inferenceMs += performance.now() - tp;
      if (out.length !== m) throw new Error(`predictFeatures returned ${out.length} of ${m}`);
    }
    return {
      seconds: (performance.now() - t0) / 1000,
      featuresSeconds: featuresMs / 1000,
      inferenceSeconds: inferenceMs / 1000,
      assets: this.fleet.length,
    };
  }

  private extend(index: number): void {
    const asset = this.fleet[index];
    const from = this.pushed[index];
    if (from >= asset.written) return;
    const rows = asset.unit.slice(from, asset.written);
    this.cache.append(
      this.units[index],
      rows,
      rows.map((_, k) => rowTime(this.start, from + k)),
    );
    this.pushed[index] = asset.written;
  }
}
