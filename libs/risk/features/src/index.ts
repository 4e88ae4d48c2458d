export * from './lib/history-row';
export * from './lib/feature-errors';
export * from './lib/feature-spec';
export * from './lib/feature-accumulator';
export * from './lib/feature-builder';
export * from './lib/feature-spec-fitter';
export * from './lib/synthetic-trajectory';
