import { buildTrajectoryFeatures } from './feature-builder';
import { RiskFeatureError } from './feature-errors';
import { fitFeatureSpec } from './feature-spec-fitter';
import { DEFAULT_FEATURE_OPTIONS, featureNamesFor, validateFeatureSpec } from './feature-spec';
import { HistoryRow } from './history-row';
import { syntheticTrajectory } from './synthetic-trajectory';

const training = [1, 2, 3].map((seed) => syntheticTrajectory({ length: 100 + seed, seed }));

function columnMeanStd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return [mean, Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)];
}

describe('fitFeatureSpec', () => {
  const sut = fitFeatureSpec(training);

  it('fits sensor statistics on the training rows', () => {
    const [mean, std] = columnMeanStd(training.flat().map((row) => row.metrics['s4']));
    const s = sut.sensors.indexOf('s4');
    expect(sut.sensorMeans[s]).toBeCloseTo(mean, 8);
    expect(sut.sensorStds[s]).toBeCloseTo(std, 8);
  });

  it('standardises training features to zero mean and unit spread', () => {
    const width = sut.featureNames.length;
    const features = training.map((t) => buildTrajectoryFeatures(t, sut));
    for (const j of [0, 3, 8, width - 2]) {
      const column = features.flatMap((f) =>
        Array.from({ length: f.length / width }, (_, r) => f[r * width + j]),
      );
      const [mean, std] = columnMeanStd(column);
      expect(mean).toBeCloseTo(0, 4);
      expect(std).toBeCloseTo(1, 3);
    }
  });

  it('does not depend on data it was not fitted on', () => {
    const shifted: HistoryRow[] = syntheticTrajectory({ length: 50, seed: 7 }).map((row) => ({
      cycle: row.cycle,
      metrics: Object.fromEntries(Object.entries(row.metrics).map(([k, v]) => [k, v * 3])),
    }));
    const before = JSON.stringify(fitFeatureSpec(training));
    buildTrajectoryFeatures(shifted, sut);
    expect(JSON.stringify(fitFeatureSpec(training))).toBe(before);
    expect(JSON.stringify(fitFeatureSpec([...training, shifted]))).not.toBe(before);
  });

  it('maps a constant sensor to zero instead of NaN', () => {
    const spec = fitFeatureSpec(training, { sensors: ['s1', 's2'] });
    expect(spec.sensorStds[0]).toBe(1);
    expect(buildTrajectoryFeatures(training[0], spec).every(Number.isFinite)).toBe(true);
  });

  it('records the options and a consistent feature list', () => {
    expect(sut.windowLength).toBe(DEFAULT_FEATURE_OPTIONS.windowLength);
    expect(fitFeatureSpec(training, { slopeWindows: [20] }).featureNames).toContain('s4.slope20');
    expect(sut.featureNames).toEqual(featureNamesFor(sut));
    expect(() => validateFeatureSpec(sut)).not.toThrow();
  });

  it('rejects empty training data and bad options', () => {
    expect(() => fitFeatureSpec([])).toThrow(RiskFeatureError);
    expect(() => fitFeatureSpec(training, { windowLength: 0 })).toThrow(RiskFeatureError);
    expect(() => fitFeatureSpec(training, { sensors: [] })).toThrow(RiskFeatureError);
    expect(() => fitFeatureSpec(training, { slopeWindows: [1] })).toThrow(RiskFeatureError);
  });
});
