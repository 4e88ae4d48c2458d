export * from './lib/cut-points';
export * from './lib/failure-calibration-fit';
export * from './lib/mlp-trainer';
export * from './lib/rul-metrics';
export * from './lib/seeded-random';
export * from './lib/train-model';
export * from './lib/evaluation/index';
export * from './lib/fleet/index';
