import { HistoryRow } from './history-row';
import {
  DEFAULT_FEATURE_OPTIONS,
  FeatureOptions,
  FeatureSpec,
  featureNamesFor,
  validateFeatureOptions,
} from './feature-spec';
import { FeatureAccumulator } from './feature-accumulator';
import { RiskFeatureError } from './feature-errors';

/** Below this a standard deviation is treated as zero, so a constant column maps to 0, not NaN. */
const MIN_STD = 1e-8;

/**
 * Fits the normalisation of a {@link FeatureSpec} on training trajectories only: first the
 * per-sensor mean and standard deviation over every row, then the mean and standard deviation of
 * every raw feature over every row of every trajectory.
 *
 * @param trajectories one history per training unit, oldest row first.
 * @param options overrides of {@link DEFAULT_FEATURE_OPTIONS}.
 * @throws RiskFeatureError `NO_TRAINING_DATA` when there are no rows, `INVALID_SPEC` for bad options.
 */
export function fitFeatureSpec(
  trajectories: readonly (readonly HistoryRow[])[],
  options: Partial<FeatureOptions> = {},
): FeatureSpec {
  const chosen: FeatureOptions = {
    ...DEFAULT_FEATURE_OPTIONS,
    ...options,
    sensors: [...(options.sensors ?? DEFAULT_FEATURE_OPTIONS.sensors)],
    spans: [...(options.spans ?? DEFAULT_FEATURE_OPTIONS.spans)],
    slopeWindows: [...(options.slopeWindows ?? DEFAULT_FEATURE_OPTIONS.slopeWindows ?? [])],
  };
  validateFeatureOptions(chosen);
  const rows = trajectories.reduce((n, t) => n + t.length, 0);
  if (rows === 0) throw new RiskFeatureError('NO_TRAINING_DATA', 'no training rows to fit on');

  const sensorStats = new RunningMoments(chosen.sensors.length);
  const reading = new Float64Array(chosen.sensors.length);
  for (const trajectory of trajectories) {
    for (const row of trajectory) {
      chosen.sensors.forEach((name, s) => (reading[s] = row.metrics[name]));
      sensorStats.add(reading);
    }
  }
  const withSensors = {
    ...chosen,
    sensorMeans: sensorStats.means(),
    sensorStds: sensorStats.stds(),
  };

  const featureNames = featureNamesFor(chosen);
  const featureStats = new RunningMoments(featureNames.length);
  const raw = new Float64Array(featureNames.length);
  for (const trajectory of trajectories) {
    const accumulator = new FeatureAccumulator(withSensors);
    for (const row of trajectory) {
      accumulator.push(row);
      accumulator.writeRaw(raw);
      featureStats.add(raw);
    }
  }
  return {
    formatVersion: 1,
    ...withSensors,
    featureNames,
    featureMeans: featureStats.means(),
    featureStds: featureStats.stds(),
  };
}

/** Per-column mean and population standard deviation (Welford), skipping non-finite values. */
class RunningMoments {
  private readonly counts: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(width: number) {
    this.counts = new Float64Array(width);
    this.mean = new Float64Array(width);
    this.m2 = new Float64Array(width);
  }

  add(values: Float64Array): void {
    for (let j = 0; j < values.length; j++) {
      const v = values[j];
      if (!Number.isFinite(v)) continue;
      const n = ++this.counts[j];
      const delta = v - this.mean[j];
      this.mean[j] += delta / n;
      this.m2[j] += delta * (v - this.mean[j]);
    }
  }

  means(): number[] {
    return Array.from(this.mean);
  }

  stds(): number[] {
    return Array.from(this.m2, (m2, j) => {
      const std = this.counts[j] > 0 ? Math.sqrt(m2 / this.counts[j]) : 0;
      return std > MIN_STD ? std : 1;
    });
  }
}
