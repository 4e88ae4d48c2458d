import { HistoryRow } from './history-row';
import { FeatureSpec } from './feature-spec';
import { FeatureAccumulator } from './feature-accumulator';
import { RiskFeatureError } from './feature-errors';

/** Length of the feature vector a spec produces. */
export function featureCount(spec: FeatureSpec): number {
  return spec.featureNames.length;
}

/**
 * Normalised features at the LAST row of one unit's history (oldest first).
 *
 * The history should start at installation: the baseline features compare recent readings with
 * the unit's first cycles. Any length from one row up is accepted; see {@link FeatureAccumulator}
 * for how short histories and missing readings are handled.
 *
 * @throws RiskFeatureError `EMPTY_HISTORY` when the history has no rows.
 */
export function buildFeatures(history: readonly HistoryRow[], spec: FeatureSpec): Float32Array {
  if (history.length === 0) throw new RiskFeatureError('EMPTY_HISTORY', 'the history has no rows');
  const accumulator = new FeatureAccumulator(spec);
  for (const row of history) accumulator.push(row);
  const raw = new Float64Array(accumulator.featureCount);
  accumulator.writeRaw(raw);
  const out = new Float32Array(accumulator.featureCount);
  normaliseInto(raw, spec, out, 0);
  return out;
}

/**
 * Normalised features at every row of a trajectory, in one pass: row `i` of the result
 * (length `history.length * featureCount(spec)`, row-major) equals
 * `buildFeatures(history.slice(0, i + 1), spec)`.
 */
export function buildTrajectoryFeatures(
  history: readonly HistoryRow[],
  spec: FeatureSpec,
): Float32Array {
  const accumulator = new FeatureAccumulator(spec);
  const width = accumulator.featureCount;
  const raw = new Float64Array(width);
  const out = new Float32Array(history.length * width);
  history.forEach((row, i) => {
    accumulator.push(row);
    accumulator.writeRaw(raw);
    normaliseInto(raw, spec, out, i * width);
  });
  return out;
}

function normaliseInto(
  raw: Float64Array,
  spec: FeatureSpec,
  out: Float32Array,
  offset: number,
): void {
  const { featureMeans, featureStds } = spec;
  for (let j = 0; j < raw.length; j++) {
    out[offset + j] = (raw[j] - featureMeans[j]) / featureStds[j];
  }
}
