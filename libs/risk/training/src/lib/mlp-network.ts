import * as tf from '@tensorflow/tfjs';

/**
 * The trainable parameters of a ReLU multilayer perceptron with one linear output, held as plain
 * variables so training controls every random draw (initialisation and dropout masks come from
 * explicit seeds, which `tf.layers.dropout` does not allow). {@link toLayersModel} copies them
 * into a standard TF.js layers model for saving and inference.
 */
export class MlpParameters {
  private constructor(
    private readonly kernels: tf.Variable[],
    private readonly biases: tf.Variable[],
  ) {}

  /** He-initialised kernels from `seed`, zero biases. */
  static create(inputSize: number, hidden: readonly number[], seed: number): MlpParameters {
    const sizes = [inputSize, ...hidden, 1];
    const kernels: tf.Variable[] = [];
    const biases: tf.Variable[] = [];
    for (let layer = 0; layer + 1 < sizes.length; layer++) {
      const shape = [sizes[layer], sizes[layer + 1]];
      const init = tf.initializers.heNormal({ seed: seed * 101 + layer }).apply(shape);
      kernels.push(tf.variable(init, true, `kernel${layer}`));
      init.dispose(); // tf.variable keeps its initial value alive otherwise
      const zeros = tf.zeros([sizes[layer + 1]]);
      biases.push(tf.variable(zeros, true, `bias${layer}`));
      zeros.dispose();
    }
    return new MlpParameters(kernels, biases);
  }

  /** Every trainable variable, for the optimiser. */
  get variables(): tf.Variable[] {
    return [...this.kernels, ...this.biases];
  }

  /**
   * Forward pass to a `[batch, 1]` output. With `dropout`, each hidden activation is zeroed with
   * probability `rate` (inverted dropout, so inference needs no rescaling), masks drawn from `seed`.
   */
  forward(x: tf.Tensor2D, dropout?: { rate: number; seed: number }): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const last = this.kernels.length - 1;
    for (let layer = 0; layer < last; layer++) {
      h = tf.relu(tf.add(tf.matMul(h, this.kernels[layer]), this.biases[layer]));
      if (dropout && dropout.rate > 0) {
        const keep = 1 - dropout.rate;
        const draw = tf.randomUniform(h.shape, 0, 1, 'float32', dropout.seed + layer);
        h = tf.mul(h, tf.div(tf.cast(tf.less(draw, keep), 'float32'), keep));
      }
    }
    return tf.add(tf.matMul(h, this.kernels[last]), this.biases[last]);
  }

  /** A `tf.Sequential` of dense layers holding copies of these parameters. */
  toLayersModel(): tf.Sequential {
    const model = tf.sequential();
    this.kernels.forEach((kernel, layer) => {
      const [inputs, units] = kernel.shape;
      model.add(
        tf.layers.dense({
          units,
          activation: layer < this.kernels.length - 1 ? 'relu' : 'linear',
          kernelInitializer: 'zeros',
          ...(layer === 0 ? { inputShape: [inputs] } : {}),
        }),
      );
    });
    const weights = this.kernels.flatMap((kernel, layer) => [kernel, this.biases[layer]]);
    model.setWeights(weights);
    return model;
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
