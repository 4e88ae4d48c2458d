import * as tf from '@tensorflow/tfjs';

/**
 * Mean RUL of an ensemble for `n` row-major feature vectors of `width` values, each member's
 * output scaled by `rulCap` and the mean clipped to [0, rulCap]. One tensor call per member.
 */
export function ensembleRul(
  members: readonly tf.LayersModel[],
  features: Float32Array,
  n: number,
  width: number,
  rulCap: number,
): Float32Array {
  if (n === 0) return new Float32Array(0);
  const out = tf.tidy(() => {
    const x = tf.tensor2d(features, [n, width]);
    // predictOnBatch: one pass over the whole batch. `predict` splits it into slices of 32 rows,
    // and on WASM every slice copies the whole input tensor out of the heap.
    const outputs = members.map((m) => m.predictOnBatch(x) as tf.Tensor2D);
    const mean = outputs.length === 1 ? outputs[0] : tf.div(tf.addN(outputs), outputs.length);
    return tf.clipByValue(tf.mul(mean, rulCap), 0, rulCap).reshape([n]);
  });
  const values = Float32Array.from(out.dataSync() as Float32Array);
  out.dispose();
  return values;
}
