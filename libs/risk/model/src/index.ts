export * from './lib/backend-selector';
export * from './lib/cmapss-histories';
export * from './lib/failure-calibration';
export * from './lib/model-card';
export * from './lib/network-options';
export * from './lib/risk-model';
export * from './lib/risk-model-errors';
// The training lib assembles models from these; scoring never needs them.
export { ensembleRul } from './lib/ensemble-predictor';
export { layersModelToFiles, type ArtifactFiles } from './lib/model-artifacts';
