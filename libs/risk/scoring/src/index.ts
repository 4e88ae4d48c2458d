export * from './lib/risk-score.repository';
export * from './lib/asset-scoring.service';
export * from './lib/model-catalog';
export * from './lib/model-deployment.repository';
export * from './lib/model-registry.service';
export * from './lib/model-switcher';
export * from './lib/scoring-partition';
