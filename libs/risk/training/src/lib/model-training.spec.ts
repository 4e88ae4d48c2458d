import * as tf from '@tensorflow/tfjs';
import { fitFeatureSpec, syntheticTrajectory } from '@hourglass/risk-features';
import { selectBackend } from '@hourglass/risk-model';
import { DEFAULT_NETWORK_OPTIONS, trainMlp } from './mlp-trainer';
import { trainModel } from './train-model';
import { buildTrainingMatrix } from './training-data';
import { recomputeHeldOut } from './evaluation/model-evaluation';
import { CrossValidationResult } from './cross-validation';

const units = new Map(
  [1, 2, 3, 4, 5, 6].map((id) => [id, syntheticTrajectory({ length: 90 + 7 * id, seed: id })]),
);
const trajectories = [...units.values()];
const tiny = {
  ...DEFAULT_NETWORK_OPTIONS,
  hidden: [16],
  epochs: 8,
  batchSize: 64,
  learningRate: 5e-3,
};

// Training takes 1-3 s on a quiet machine; under a loaded one (two Jest workers and the other tiers'
// servers) it has taken over Jest's 5 s default, and a timed-out test leaves its TF.js variables
// registered, failing the tests after it.
jest.setTimeout(60_000);

describe('model training', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('decreases the loss and repeats exactly for a seed', async () => {
    const spec = fitFeatureSpec(trajectories);
    const matrix = buildTrainingMatrix(trajectories, spec, 125);
    const first = await trainMlp(matrix, { ...tiny, seed: 7, targetScale: 125 });
    const second = await trainMlp(matrix, { ...tiny, seed: 7, targetScale: 125 });
    expect(first.epochLosses[tiny.epochs - 1]).toBeLessThan(first.epochLosses[0] * 0.5);
    expect(second.epochLosses).toEqual(first.epochLosses);
    first.model.dispose();
    second.model.dispose();
  });

  it('averages the weights of the last epochs and weighs rows when asked', async () => {
    const spec = fitFeatureSpec(trajectories);
    const weighted = buildTrainingMatrix(trajectories, spec, 125, { beyondRul: 60, weight: 0.25 });
    const far = trajectories[0].length - 61;
    expect(Array.from(weighted.weights?.subarray(far - 1, far + 1) ?? [])).toEqual([0.25, 1]);
    const plain = await trainMlp(weighted, { ...tiny, seed: 3, targetScale: 125 });
    const averaged = await trainMlp(weighted, {
      ...tiny,
      averageEpochs: 4,
      seed: 3,
      targetScale: 125,
    });
    const again = await trainMlp(weighted, {
      ...tiny,
      averageEpochs: 4,
      seed: 3,
      targetScale: 125,
    });
    expect(averaged.epochLosses).toEqual(plain.epochLosses);
    const x = tf.tensor2d(weighted.features.subarray(0, 10 * weighted.width), [10, weighted.width]);
    const outputs = [plain, averaged, again].map((r) =>
      Array.from((r.model.predict(x) as tf.Tensor).dataSync()),
    );
    expect(outputs[1]).not.toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[1]);
    x.dispose();
    [plain, averaged, again].forEach((r) => r.model.dispose());
  });

  it('trains an ensemble whose predictions have the right shape and range', async () => {
    const tensorsBefore = tf.memory().numTensors;
    const progress: [number, number][] = [];
    const sut = await trainModel({
      units,
      name: 'tiny',
      seeds: [1, 2],
      network: tiny,
      crossValidation: { folds: 2, cutsPerUnit: 3, seedsPerFold: 1 },
      onProgress: (done, total) => progress.push([done, total]),
    });
    // Every epoch once: 2 folds x 1 network x 8 epochs, then 2 members x 8 epochs.
    expect(progress).toEqual(Array.from({ length: 32 }, (_, i) => [i + 1, 32]));
    const histories = [trajectories[0], trajectories[1].slice(0, 1), trajectories[2].slice(0, 40)];
    const predictions = sut.predict(histories);
    expect(predictions).toHaveLength(3);
    for (const { rul, probability } of predictions) {
      expect(Number.isFinite(rul) && rul >= 0 && rul <= 125).toBe(true);
      expect(probability >= 0 && probability <= 1).toBe(true);
    }
    expect(sut.predict([])).toEqual([]);
    expect(sut.version).toMatch(/^tiny@[0-9a-f]{12}$/);
    expect(sut.card.crossValidation?.evaluations).toBe(18);
    expect(sut.card.network.seeds).toEqual([1, 2]);
    sut.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  }, 30_000);

  it('recomputes the out-of-fold predictions of training from the card alone', async () => {
    let seen: CrossValidationResult | undefined;
    const sut = await trainModel({
      units,
      name: 'tiny',
      seeds: [4],
      network: { ...tiny, epochs: 4, averageEpochs: 2 },
      crossValidation: { folds: 2, cutsPerUnit: 2, seedsPerFold: 2 },
      onCrossValidation: (cv) => (seen = cv),
    });
    const progress: [number, number][] = [];
    const held = await recomputeHeldOut(
      sut,
      new Map([...units].map(([id, rows]) => [String(id), rows])),
      undefined,
      (done, total) => progress.push([done, total]),
    );
    // 2 folds x 2 networks x 4 epochs, as the card says.
    expect(progress).toEqual(Array.from({ length: 16 }, (_, i) => [i + 1, 16]));
    expect(held.units.map((u) => u.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    held.units.forEach((u, i) =>
      expect(u.rul).toEqual(
        Array.from(seen?.predictions[i] ?? [], (v) => Math.round(v * 100) / 100),
      ),
    );
    sut.dispose();
  }, 30_000);
});
