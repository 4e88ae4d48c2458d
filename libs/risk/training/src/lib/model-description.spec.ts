import { fitFeatureSpec, syntheticTrajectory } from '@hourglass/risk-features';
import { renderModelCard, type ModelCard } from '@hourglass/risk-model';
import { DEFAULT_NETWORK_OPTIONS } from './mlp-trainer';
import { describeModel, type TrainingFacts } from './model-description';

const spec = fitFeatureSpec([1, 2].map((seed) => syntheticTrajectory({ length: 80, seed })));

const facts = (heldOut?: string[]): TrainingFacts => ({
  options: {
    name: 'fd001-test',
    data: { file: 'train_FD001.txt', sha256: 'ab'.repeat(32), ...(heldOut ? { heldOut } : {}) },
  },
  spec,
  network: DEFAULT_NETWORK_OPTIONS,
  seeds: [1],
  horizon: 30,
  rulCap: 125,
  backend: 'cpu',
  seconds: 1,
  finalLosses: [1],
  samples: 160,
  units: 2,
});

const rendered = (card: Omit<ModelCard, 'version' | 'artifacts'>) =>
  renderModelCard({ ...card, version: 'fd001-test@0', artifacts: { sha256: '', files: [] } });

describe(describeModel.name, () => {
  it('records the units held out of training in the card, its data section and its limitations', () => {
    const card = describeModel(facts(['10', '20']));

    expect(card.data.heldOut).toEqual(['10', '20']);
    expect(rendered(card)).toContain(
      '- Held out of training and cross-validation (never seen by this model): units 10, 20.',
    );
    expect(
      card.limitations.some((l) => l.startsWith('Units 10, 20 of the data were held out')),
    ).toBe(true);
  });

  it('says nothing of held-out units when none were', () => {
    const card = describeModel(facts());

    expect(card.data).not.toHaveProperty('heldOut');
    expect(rendered(card)).not.toContain('Held out of training');
  });
});
