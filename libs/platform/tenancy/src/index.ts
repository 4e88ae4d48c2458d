export * from './lib/scope';
export * from './migrations';
export * from './lib/tenant.repository';
