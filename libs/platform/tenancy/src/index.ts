export * from './lib/scope';
