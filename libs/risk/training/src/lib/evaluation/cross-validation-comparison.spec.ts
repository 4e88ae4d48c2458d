import { renderModelCard, type CrossValidationReport, type ModelCard } from '@hourglass/risk-model';
import { DEFAULT_NETWORK_OPTIONS } from '../mlp-trainer';
import { rulTargets } from '../rul-metrics';
import { compareCrossValidation, type CrossValidatedVersion } from './cross-validation-comparison';
import { heldOutPredictions, type HeldOutPredictions } from './held-out-predictions';

const cv = (rmse: number): CrossValidationReport => ({
  folds: 5,
  networksPerFold: 3,
  cutsPerUnit: 10,
  cutRule: 'uniform',
  evaluations: 100,
  rmse,
  rmseCapped: rmse - 1,
  scorePer100: 200,
  rmseAllRows: rmse - 2,
  brier: 0.012,
  reliability: [],
  seconds: 1,
});

/** A card with only what a comparison and its rendering read filled in. */
const card = (version: string, units: number, rmse: number): ModelCard => ({
  name: version.split('@')[0],
  version,
  createdAt: '2026-12-07T00:00:00.000Z',
  summary: 'test',
  data: { file: 'train.txt', sha256: 'ab'.repeat(32), units, rows: 0, citation: '', license: '' },
  target: { kind: 'piecewise-linear RUL', rulCap: 125 },
  horizon: 30,
  probability: { event: '', method: '', calibratedOn: '' },
  features: {
    count: 1,
    sensors: [],
    windowLength: 5,
    spans: [],
    baselineSpan: 1,
    baselineCycles: 1,
    description: '',
  },
  network: { ...DEFAULT_NETWORK_OPTIONS, parameters: 1, seeds: [1], loss: '', optimizer: '' },
  crossValidation: cv(rmse),
  evaluations: [],
  training: { seconds: 1, backend: 'cpu', samples: 0, finalLosses: [], runtime: '' },
  artifacts: { sha256: '', files: [] },
  limitations: [],
});

/** Out-of-fold predictions that miss the capped RUL of every row by `error` cycles (130 rows: the first 5 capped). */
const predictions = (ids: string[], error: number) =>
  heldOutPredictions(
    'test',
    ids.map((id) => ({ id, rul: Array.from(rulTargets(130), (t) => t + error) })),
  );

const withUnits = (a: HeldOutPredictions, b: HeldOutPredictions): HeldOutPredictions => ({
  ...a,
  units: [...a.units, ...b.units],
});

const facts = { description: 'units 3 held out', command: 'compare' };

describe(compareCrossValidation.name, () => {
  /** Both cross-validated units 1 and 2; unit 4 only this version, unit 3 only the other. */
  const own: CrossValidatedVersion = {
    card: card('v3@1', 2, 11),
    predictions: withUnits(predictions(['1', '2'], 1), predictions(['4'], 50)),
  };
  const other: CrossValidatedVersion = {
    card: card('v2@2', 3, 12),
    predictions: withUnits(predictions(['1', '2'], 2), predictions(['3'], 50)),
  };

  it('copies the other card’s figures and scores both versions on the units both saw only', () => {
    const sut = compareCrossValidation(own, other, facts);

    expect(sut).toMatchObject({ version: 'v2@2', units: 3, crossValidation: cv(12) });
    // Units 3 and 4, each cross-validated by one version only (error 50), stay out.
    expect(sut.sharedUnits).toEqual({ units: 2, rows: 260, rmseAllRows: 1, otherRmseAllRows: 2 });
  });

  it('renders both columns beside each other in the card', () => {
    const comparison = compareCrossValidation(own, other, facts);

    const text = renderModelCard({ ...own.card, comparison });

    expect(text).toContain('| metric | this version | v2@2 |');
    expect(text).toContain('| units trained and cross-validated | 2 | 3 |');
    expect(text).toContain('| RMSE vs true RUL | 11.00 | 12.00 |');
    expect(text).toContain(
      '| RMSE over all rows (capped) of the 2 units both cross-validated (260 rows) | 1.00 | 2.00 |',
    );
  });

  it('refuses versions trained on different data', () => {
    const elsewhere = {
      ...other,
      card: { ...other.card, data: { ...other.card.data, sha256: 'cd' } },
    };

    expect(() => compareCrossValidation(own, elsewhere, facts)).toThrow('different data files');
  });
});
