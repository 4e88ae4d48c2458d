/** Hyper-parameters of one MLP training run; defaults in `DEFAULT_NETWORK_OPTIONS` (@hourglass/risk-training). */
export interface NetworkOptions {
  /** Units of each hidden ReLU layer. */
  hidden: number[];
  /** Dropout rate after each hidden layer during training. */
  dropout: number;
  epochs: number;
  batchSize: number;
  /** Adam learning rate at the first epoch, decayed on a cosine to `finalLearningRate`. */
  learningRate: number;
  finalLearningRate: number;
  /** Huber loss threshold in cycles: errors beyond it count linearly, not squared. */
  huberDelta: number;
  /**
   * Average the weights over the last this many epochs (snapshot / stochastic weight averaging);
   * 0 or 1 keeps the final weights. Optional for options recorded before it existed.
   */
  averageEpochs?: number;
}
