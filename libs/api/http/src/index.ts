export * from './lib/api-context';
export * from './lib/http-api';
export * from './lib/domain-error.filter';
