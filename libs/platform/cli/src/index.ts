export * from './lib/cli-progress';
export * from './lib/cli-usage';
