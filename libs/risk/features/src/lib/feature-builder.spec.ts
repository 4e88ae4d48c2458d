import { buildFeatures, buildTrajectoryFeatures, featureCount } from './feature-builder';
import { FeatureAccumulator } from './feature-accumulator';
import { RiskFeatureError } from './feature-errors';
import { fitFeatureSpec } from './feature-spec-fitter';
import { HistoryRow } from './history-row';
import { syntheticTrajectory } from './synthetic-trajectory';
import { FeatureSpec, WINDOW_STATISTICS } from './feature-spec';

const training = [1, 2, 3, 4].map((seed) => syntheticTrajectory({ length: 80 + 10 * seed, seed }));
const spec = fitFeatureSpec(training, {
  windowLength: 10,
  spans: [5, 20],
  baselineSpan: 20,
  baselineCycles: 5,
});
const perSensor = WINDOW_STATISTICS.length + spec.spans.length + 1;

function rawAt(history: HistoryRow[], s: FeatureSpec = spec): Float64Array {
  const accumulator = new FeatureAccumulator(s);
  history.forEach((row) => accumulator.push(row));
  const out = new Float64Array(accumulator.featureCount);
  accumulator.writeRaw(out);
  return out;
}

function sensorZ(history: HistoryRow[], sensor: number): number[] {
  return history.map(
    (row) =>
      (row.metrics[spec.sensors[sensor]] - spec.sensorMeans[sensor]) / spec.sensorStds[sensor],
  );
}

describe('buildFeatures', () => {
  const history = syntheticTrajectory({ length: 120, seed: 9 });

  it('returns one finite value per feature name', () => {
    const sut = buildFeatures(history, spec);
    expect(sut).toHaveLength(featureCount(spec));
    expect(sut.every(Number.isFinite)).toBe(true);
  });

  it('handles a one-row history with a partial window', () => {
    const raw = rawAt(history.slice(0, 1));
    const z = sensorZ(history, 0)[0];
    expect(Array.from(raw.slice(0, 6))).toEqual(
      [z, z, 0, 0, z, z].map((v) => expect.closeTo(v, 12)),
    );
    expect(raw[raw.length - 2]).toBe(1);
    expect(raw[raw.length - 1]).toBeCloseTo(1 / spec.windowLength, 12);
    expect(buildFeatures(history.slice(0, 1), spec).every(Number.isFinite)).toBe(true);
  });

  it('computes window statistics over the rows available when shorter than the window', () => {
    const rows = history.slice(0, 4);
    const z = sensorZ(rows, 2);
    const mean = z.reduce((a, b) => a + b, 0) / 4;
    const std = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / 4);
    const slope = z.reduce((a, v, j) => a + (j - 1.5) * (v - mean), 0) / 5;
    const raw = rawAt(rows).slice(2 * perSensor, 2 * perSensor + 6);
    expect(Array.from(raw)).toEqual(
      [z[3], mean, std, slope, Math.min(...z), Math.max(...z)].map((v) => expect.closeTo(v, 10)),
    );
  });

  it('uses only the last windowLength rows for window statistics of a long history', () => {
    const long = syntheticTrajectory({ length: 400, seed: 5 });
    const altered = long.map((row, i) =>
      i < 100 ? { ...row, metrics: { ...row.metrics, s2: row.metrics['s2'] + 5 } } : row,
    );
    const a = rawAt(long);
    const b = rawAt(altered);
    expect(Array.from(b.slice(0, 6))).toEqual(Array.from(a.slice(0, 6)));
    expect(b[6 + spec.spans.length]).not.toBeCloseTo(a[6 + spec.spans.length], 3);
  });

  it('equals the per-row trajectory features at every prefix', () => {
    const width = featureCount(spec);
    const all = buildTrajectoryFeatures(history, spec);
    for (const end of [1, 2, 9, 10, 11, 57, 120]) {
      expect(Array.from(buildFeatures(history.slice(0, end), spec))).toEqual(
        Array.from(all.subarray((end - 1) * width, end * width)),
      );
    }
  });

  it('is deterministic and survives a JSON round trip of the spec', () => {
    const copy = JSON.parse(JSON.stringify(spec)) as FeatureSpec;
    expect(Array.from(buildFeatures(history, copy))).toEqual(
      Array.from(buildFeatures(history, spec)),
    );
    expect(Array.from(buildFeatures(history, spec))).toEqual(
      Array.from(buildFeatures(history, spec)),
    );
  });

  it('repeats the previous reading when a metric is missing or not finite', () => {
    const gappy = history.slice(0, 30).map((row, i) => {
      const metrics = { ...row.metrics };
      if (i === 29) delete metrics['s2'];
      if (i === 28) metrics['s3'] = Number.NaN;
      return { ...row, metrics };
    });
    const raw = rawAt(gappy);
    expect(raw[0]).toBeCloseTo(sensorZ(history, 0)[28], 12);
    expect(raw.every(Number.isFinite)).toBe(true);
  });

  it('adds least-squares slopes over longer trailing windows after the per-sensor features', () => {
    const withSlopes = { ...spec, slopeWindows: [3, 40] };
    const width = perSensor + 2;
    const rows = history.slice(0, 25);
    const z = sensorZ(rows, 1);
    const slopeOf = (v: number[]) => {
      const k = v.length;
      const mean = v.reduce((a, b) => a + b, 0) / k;
      return (
        v.reduce((a, x, j) => a + (j - (k - 1) / 2) * (x - mean), 0) / ((k * (k * k - 1)) / 12)
      );
    };
    const sut = rawAt(rows, withSlopes);
    expect(sut).toHaveLength(width * spec.sensors.length + 2);
    expect(sut[width + perSensor]).toBeCloseTo(slopeOf(z.slice(-3)), 10);
    expect(sut[width + perSensor + 1]).toBeCloseTo(slopeOf(z), 10); // partial: 25 of 40 rows
    expect(Array.from(sut.slice(width, width + perSensor))).toEqual(
      Array.from(rawAt(rows).slice(perSensor, 2 * perSensor)),
    );
    expect(rawAt(rows.slice(0, 1), withSlopes)[perSensor]).toBe(0);
  });

  it('rejects an empty history', () => {
    expect(() => buildFeatures([], spec)).toThrow(RiskFeatureError);
  });
});
