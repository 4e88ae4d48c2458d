export * from './lib/state-seconds';
export * from './lib/usage-charge';
export * from './lib/engine';
