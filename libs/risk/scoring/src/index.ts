export * from './lib/risk-score.repository';
export * from './lib/asset-scoring.service';
export * from './lib/model-catalog';
