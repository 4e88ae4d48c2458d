import { INFORMATIVE_SENSORS } from './history-row';
import { RiskFeatureError } from './feature-errors';

/** The choices that shape the features; everything else in a {@link FeatureSpec} is fitted. */
export interface FeatureOptions {
  /** Sensors to use, in order. Default: {@link INFORMATIVE_SENSORS}. */
  sensors: string[];
  /** Cycles in the trailing window for last/mean/std/slope/min/max. Default 5. */
  windowLength: number;
  /** Spans (in cycles) of the exponentially weighted means over the whole history. */
  spans: number[];
  /** Span of the long weighted mean compared against the unit's own start. */
  baselineSpan: number;
  /** How many first cycles of the history define the unit's own starting level. Default 30. */
  baselineCycles: number;
  /**
   * Lengths (cycles) of extra trailing windows over which a least-squares slope per cycle is
   * computed, e.g. `[15, 40]`. Optional for specs saved before it existed (treated as none).
   */
  slopeWindows?: number[];
}

/**
 * Everything needed to turn a history into model inputs, serialisable as JSON
 * (`preparation.json` in a model folder). Normalisation statistics are fitted on training
 * data only, by {@link fitFeatureSpec}.
 */
export interface FeatureSpec extends FeatureOptions {
  /** Format version of this object. */
  formatVersion: 1;
  /** Per-sensor mean of the training rows, used to z-score raw readings. */
  sensorMeans: number[];
  /** Per-sensor standard deviation of the training rows (1 where constant). */
  sensorStds: number[];
  /** Names of the output features, in vector order. */
  featureNames: string[];
  /** Mean of each raw feature over every training row. */
  featureMeans: number[];
  /** Standard deviation of each raw feature over every training row (1 where constant). */
  featureStds: number[];
}

/**
 * Defaults chosen by 5-fold cross-validation on FD001 (models/README.md): with weighted means up
 * to 200 cycles, a short trailing window beat the 30-cycle one; seven spans doubling from 3 beat
 * four (fd001-mlp-v1 used 5, 20, 60, 180); extra slope windows did not help.
 */
export const DEFAULT_FEATURE_OPTIONS: Readonly<FeatureOptions> = Object.freeze({
  sensors: [...INFORMATIVE_SENSORS],
  windowLength: 5,
  spans: [3, 6, 12, 25, 50, 100, 200],
  baselineSpan: 180,
  baselineCycles: 30,
  slopeWindows: [],
});

/** Per-sensor features, in order, before the per-history ones. */
export const WINDOW_STATISTICS = ['last', 'mean', 'std', 'slope', 'min', 'max'] as const;

/** Names of the features produced for the given options, in vector order. */
export function featureNamesFor(options: FeatureOptions): string[] {
  const names: string[] = [];
  for (const sensor of options.sensors) {
    for (const stat of WINDOW_STATISTICS) names.push(`${sensor}.${stat}`);
    for (const span of options.spans) names.push(`${sensor}.ewm${span}`);
    names.push(`${sensor}.baseline`);
    for (const w of options.slopeWindows ?? []) names.push(`${sensor}.slope${w}`);
  }
  names.push('age', 'windowFill');
  return names;
}

/** Throws {@link RiskFeatureError} when the options cannot produce features. */
export function validateFeatureOptions(options: FeatureOptions): void {
  const positive = (n: number) => Number.isFinite(n) && n >= 1;
  if (options.sensors.length === 0) fail('at least one sensor is needed');
  if (!Number.isInteger(options.windowLength) || !positive(options.windowLength)) {
    fail(`windowLength must be a positive integer, got ${options.windowLength}`);
  }
  if (!(options.slopeWindows ?? []).every((w) => Number.isInteger(w) && w >= 2)) {
    fail(`slopeWindows must be integers >= 2, got ${String(options.slopeWindows)}`);
  }
  if (!options.spans.every(positive) || !positive(options.baselineSpan)) {
    fail('spans and baselineSpan must be >= 1');
  }
  if (!Number.isInteger(options.baselineCycles) || !positive(options.baselineCycles)) {
    fail(`baselineCycles must be a positive integer, got ${options.baselineCycles}`);
  }
}

/** Throws {@link RiskFeatureError} when a spec's fitted arrays do not match its options. */
export function validateFeatureSpec(spec: FeatureSpec): void {
  if (spec.formatVersion !== 1) fail(`unsupported formatVersion ${String(spec.formatVersion)}`);
  validateFeatureOptions(spec);
  const sensors = spec.sensors.length;
  const features = featureNamesFor(spec).length;
  if (spec.sensorMeans.length !== sensors || spec.sensorStds.length !== sensors) {
    fail('sensor statistics do not match the sensor list');
  }
  if (
    spec.featureNames.length !== features ||
    spec.featureMeans.length !== features ||
    spec.featureStds.length !== features
  ) {
    fail('feature statistics do not match the feature list');
  }
}

function fail(message: string): never {
  throw new RiskFeatureError('INVALID_SPEC', message);
}
