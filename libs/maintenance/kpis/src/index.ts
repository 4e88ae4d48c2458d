export * from './lib/kpi.types';
export * from './lib/state-kpis';
export * from './lib/order-kpis';
export * from './lib/cost-kpis';
export * from './lib/kpi-report';
export * from './lib/poisson-binomial';
export * from './lib/parts-forecast';
