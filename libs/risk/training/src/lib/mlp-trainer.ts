import * as tf from '@tensorflow/tfjs';
import type { NetworkOptions } from '@hourglass/risk-model';
import { MlpParameters } from './mlp-network';
import { SeededRandom } from './seeded-random';

/** Defaults chosen by cross-validation on FD001 (see the model card). */
export const DEFAULT_NETWORK_OPTIONS: Readonly<NetworkOptions> = Object.freeze({
  hidden: [64, 32],
  dropout: 0.1,
  epochs: 40,
  batchSize: 256,
  learningRate: 2e-3,
  finalLearningRate: 1e-4,
  huberDelta: 6,
  averageEpochs: 6,
});

/** A row-major feature matrix with one target per row (targets in cycles). */
export interface TrainingMatrix {
  features: Float32Array;
  targets: Float32Array;
  /** Optional loss weight of each row (default 1 for every row). */
  weights?: Float32Array;
  rows: number;
  width: number;
}

/** What {@link trainMlp} returns; the caller owns (and disposes) `model`. */
export interface MlpTrainingResult {
  model: tf.LayersModel;
  /** Mean training Huber loss of each epoch, in squared cycles (about half the MSE for errors under delta). */
  epochLosses: number[];
  seconds: number;
}

/**
 * Trains one MLP on `data` with Huber loss and Adam, reproducibly for a given `seed` (batch
 * order, initialisation and dropout masks all derive from it). Targets are divided by
 * `targetScale` for training; the returned model's output is in that scaled unit.
 */
export async function trainMlp(
  data: TrainingMatrix,
  options: NetworkOptions & { seed: number; targetScale: number },
  onEpoch?: (epoch: number, loss: number) => void,
): Promise<MlpTrainingResult> {
  const started = performance.now();
  const random = new SeededRandom(options.seed);
  const params = MlpParameters.create(data.width, options.hidden, options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const x = tf.tensor2d(data.features, [data.rows, data.width]);
  const y = tf.tidy(() => tf.div(tf.tensor2d(data.targets, [data.rows, 1]), options.targetScale));
  const w = data.weights ? tf.tensor2d(data.weights, [data.rows, 1]) : undefined;
  const delta = options.huberDelta / options.targetScale;
  const averager = new WeightAverager(params.variables, options.epochs, options.averageEpochs ?? 0);
  const order = Int32Array.from({ length: data.rows }, (_, i) => i);
  const epochLosses: number[] = [];
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      setLearningRate(optimizer, scheduledRate(options, epoch));
      random.shuffle(order);
      let weighted = 0;
      for (let start = 0; start < data.rows; start += options.batchSize) {
        const batch = order.subarray(start, Math.min(start + options.batchSize, data.rows));
        const dropoutSeed = random.integer(0, 0x7fffffff);
        const loss = tf.tidy((): tf.Scalar => {
          const index = tf.tensor1d(batch, 'int32');
          const xb = tf.gather(x, index) as tf.Tensor2D;
          const yb = tf.gather(y, index);
          const wb = w ? tf.gather(w, index) : undefined;
          const dropout = { rate: options.dropout, seed: dropoutSeed };
          const cost = optimizer.minimize(
            () => tf.losses.huberLoss(yb, params.forward(xb, dropout), wb, delta) as tf.Scalar,
            true,
            params.variables,
          );
          return cost as tf.Scalar;
        });
        weighted += loss.dataSync()[0] * batch.length;
        loss.dispose();
      }
      epochLosses.push((weighted / data.rows) * options.targetScale ** 2);
      averager.afterEpoch(epoch);
      onEpoch?.(epoch, epochLosses[epoch]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    averager.apply();
    return {
      model: params.toLayersModel(),
      epochLosses,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    x.dispose();
    y.dispose();
    w?.dispose();
    averager.dispose();
    optimizer.dispose();
    params.dispose();
  }
}

function scheduledRate(options: NetworkOptions, epoch: number): number {
  const progress = options.epochs > 1 ? epoch / (options.epochs - 1) : 1;
  const cosine = (1 + Math.cos(Math.PI * progress)) / 2;
  return options.finalLearningRate + (options.learningRate - options.finalLearningRate) * cosine;
}

function setLearningRate(optimizer: tf.AdamOptimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}

/** Running mean of the variables over the last `count` epochs, written back by {@link apply}. */
class WeightAverager {
  private sums: tf.Tensor[] = [];
  private snapshots = 0;

  constructor(
    private readonly variables: tf.Variable[],
    private readonly epochs: number,
    private readonly count: number,
  ) {}

  afterEpoch(epoch: number): void {
    if (this.count < 2 || epoch < this.epochs - this.count) return;
    const previous = this.sums;
    this.sums = this.variables.map((v, i) =>
      previous.length > 0 ? tf.add(previous[i], v) : tf.clone(v),
    );
    previous.forEach((t) => t.dispose());
    this.snapshots++;
  }

  apply(): void {
    if (this.snapshots < 2) return;
    this.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.div(this.sums[i], this.snapshots))));
  }

  dispose(): void {
    this.sums.forEach((t) => t.dispose());
    this.sums = [];
  }
}
