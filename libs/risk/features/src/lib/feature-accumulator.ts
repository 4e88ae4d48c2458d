import { HistoryRow } from './history-row';
import { FeatureOptions, WINDOW_STATISTICS, featureNamesFor } from './feature-spec';

/** What the accumulator needs: the feature options and how to z-score raw readings. */
export interface AccumulatorSpec extends FeatureOptions {
  sensorMeans: number[];
  sensorStds: number[];
}

/**
 * Consumes a history one row at a time (oldest first) and yields the raw, un-normalised
 * features at the latest row in O(window) time, so features at every row of a trajectory cost
 * one pass. Short histories use the rows they have: window statistics over a partial window,
 * weighted means bias-corrected for their short start, the baseline over the first rows seen.
 * A missing or non-finite reading repeats the sensor's previous one, or its training mean when
 * there is none yet.
 */
export class FeatureAccumulator {
  /** Number of raw features written by {@link writeRaw}. */
  readonly featureCount: number;
  private readonly sensorCount: number;
  /** Rows kept in the ring buffer: the longest of the window and the slope windows. */
  private readonly span: number;
  private readonly slopeWindows: number[];
  private readonly window: Float64Array;
  private readonly latest: Float64Array;
  private readonly decays: number[];
  private readonly ewmNumerators: Float64Array;
  private readonly ewmDenominators: Float64Array;
  private readonly baselineNumerators: Float64Array;
  private baselineDenominator = 0;
  private readonly startSums: Float64Array;
  private startCount = 0;
  private count = 0;
  private age = 0;

  constructor(private readonly spec: AccumulatorSpec) {
    this.sensorCount = spec.sensors.length;
    this.featureCount = featureNamesFor(spec).length;
    this.slopeWindows = spec.slopeWindows ?? [];
    this.span = Math.max(spec.windowLength, ...this.slopeWindows);
    this.window = new Float64Array(this.span * this.sensorCount);
    this.latest = new Float64Array(this.sensorCount);
    this.decays = spec.spans.map((span) => 1 - 2 / (span + 1));
    this.ewmNumerators = new Float64Array(spec.spans.length * this.sensorCount);
    this.ewmDenominators = new Float64Array(spec.spans.length);
    this.baselineNumerators = new Float64Array(this.sensorCount);
    this.startSums = new Float64Array(this.sensorCount);
  }

  /** Rows consumed so far. */
  get rows(): number {
    return this.count;
  }

  /** Adds the next (newer) row of the history. */
  push(row: HistoryRow): void {
    const { sensors, sensorMeans, sensorStds } = this.spec;
    const slot = (this.count % this.span) * this.sensorCount;
    for (let s = 0; s < this.sensorCount; s++) {
      const raw = row.metrics[sensors[s]];
      if (typeof raw === 'number' && Number.isFinite(raw)) {
        this.latest[s] = (raw - sensorMeans[s]) / sensorStds[s];
      }
      this.window[slot + s] = this.latest[s];
    }
    this.updateMeans();
    this.count++;
    this.age = row.cycle;
  }

  /** Writes the raw features at the latest row into `out` from `offset`. */
  writeRaw(out: Float64Array | Float32Array, offset = 0): void {
    if (this.count === 0) throw new RangeError('no rows pushed yet');
    const perSensor = WINDOW_STATISTICS.length + this.decays.length + 1 + this.slopeWindows.length;
    for (let s = 0; s < this.sensorCount; s++) {
      const base = offset + s * perSensor;
      this.writeWindowStatistics(s, out, base);
      let at = base + WINDOW_STATISTICS.length;
      for (let k = 0; k < this.decays.length; k++) {
        out[at++] = this.ewmNumerators[k * this.sensorCount + s] / this.ewmDenominators[k];
      }
      const longMean = this.baselineNumerators[s] / this.baselineDenominator;
      out[at++] = longMean - this.startSums[s] / this.startCount;
      for (const w of this.slopeWindows) out[at++] = this.slope(s, w);
    }
    const tail = offset + this.sensorCount * perSensor;
    out[tail] = this.age;
    out[tail + 1] = Math.min(this.count, this.spec.windowLength) / this.spec.windowLength;
  }

  private updateMeans(): void {
    const n = this.sensorCount;
    for (let k = 0; k < this.decays.length; k++) {
      const decay = this.decays[k];
      this.ewmDenominators[k] = decay * this.ewmDenominators[k] + 1;
      for (let s = 0; s < n; s++) {
        this.ewmNumerators[k * n + s] = decay * this.ewmNumerators[k * n + s] + this.latest[s];
      }
    }
    const baselineDecay = 1 - 2 / (this.spec.baselineSpan + 1);
    this.baselineDenominator = baselineDecay * this.baselineDenominator + 1;
    for (let s = 0; s < n; s++) {
      this.baselineNumerators[s] = baselineDecay * this.baselineNumerators[s] + this.latest[s];
    }
    if (this.startCount < this.spec.baselineCycles) {
      for (let s = 0; s < n; s++) this.startSums[s] += this.latest[s];
      this.startCount++;
    }
  }

  /** Row `j` (0 = oldest) of the trailing `k` rows, for sensor `s`. */
  private recent(k: number, j: number, s: number): number {
    return this.window[((this.count - k + j) % this.span) * this.sensorCount + s];
  }

  /** Least-squares slope per cycle over the trailing (possibly partial) `length` rows. */
  private slope(s: number, length: number): number {
    const k = Math.min(this.count, length);
    if (k < 2) return 0;
    let sum = 0;
    for (let j = 0; j < k; j++) sum += this.recent(k, j, s);
    const mean = sum / k;
    const centre = (k - 1) / 2;
    let cross = 0;
    for (let j = 0; j < k; j++) cross += (j - centre) * (this.recent(k, j, s) - mean);
    return cross / ((k * (k * k - 1)) / 12);
  }

  /** last, mean, std, slope per cycle, min, max over the trailing (possibly partial) window. */
  private writeWindowStatistics(s: number, out: Float64Array | Float32Array, at: number): void {
    const k = Math.min(this.count, this.spec.windowLength);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let j = 0; j < k; j++) {
      const v = this.recent(k, j, s);
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = sum / k;
    const centre = (k - 1) / 2;
    let squares = 0;
    let cross = 0;
    for (let j = 0; j < k; j++) {
      const d = this.recent(k, j, s) - mean;
      squares += d * d;
      cross += (j - centre) * d;
    }
    const sxx = (k * (k * k - 1)) / 12;
    out[at] = this.recent(k, k - 1, s);
    out[at + 1] = mean;
    out[at + 2] = Math.sqrt(squares / k);
    out[at + 3] = k > 1 ? cross / sxx : 0;
    out[at + 4] = min;
    out[at + 5] = max;
  }
}
