import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCmapss, type RiskModel } from '@hourglass/risk-model';
import { makeHoldoutSplit } from './cut-points';
import { DEFAULT_NETWORK_OPTIONS } from './mlp-trainer';
import { rmse } from './rul-metrics';
import { trainModel } from './train-model';

const ROOT = join(__dirname, '../../../../..');

/**
 * The model card's accuracy figures come from training itself; this measures one independently:
 * a small model trained here on FD001 engines scores engines it never saw (the held-out split of
 * `cmapss-split`: 20 engines, seed 7, each cut at a random point).
 *
 * Bound: RMSE below 25 cycles. Predicting the mean true RUL scores 36.3 on this split; the small
 * model below scores 17.8 (tfjs WASM backend; the shipped ensemble ~12 on cross-validation), so
 * the bound leaves room for backend differences while a broken pipeline misses it: with the
 * feature step fed each history in reverse at prediction time it scored 52.0, and trained on
 * targets shuffled across rows (labels no longer belonging to their rows) 35.8.
 */
const RMSE_BOUND = 25;

describe('a small model trained on FD001 scores held-out engines', () => {
  const units = parseCmapss(readFileSync(join(ROOT, 'models/data/cmapss/train_FD001.txt'), 'utf8'));
  const split = makeHoldoutSplit(units, 20, 7);
  const small = { ...DEFAULT_NETWORK_OPTIONS, hidden: [32, 16], epochs: 12, averageEpochs: 3 };
  let model: RiskModel | undefined;

  afterAll(() => model?.dispose());

  it(`within RMSE ${RMSE_BOUND} cycles of the true RUL, far better than the mean`, async () => {
    const heldOut = [...split.test.values()];
    expect([split.train.size, heldOut.length]).toEqual([80, 20]); // trained on the other 80 only
    model = await trainModel({
      units: split.train,
      name: 'held-out-check',
      seeds: [1],
      network: small,
      crossValidation: false,
      correctLateBias: false,
    });
    const predicted = model.predict(heldOut).map((p) => p.rul);
    const mean = split.rul.reduce((a, b) => a + b, 0) / split.rul.length;
    const baseline = rmse(
      split.rul.map(() => mean),
      split.rul,
    );
    const got = rmse(predicted, split.rul);
    expect(baseline).toBeGreaterThan(30); // the split is not one a constant could pass
    expect(got).toBeLessThan(RMSE_BOUND);
  }, 180_000);
});
