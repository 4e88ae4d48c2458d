export * from './lib/scope';
export * from './migrations';
