import { parseRoute, routePath } from './router';

describe('parseRoute', () => {
  it('reads / as the home of the role, and each screen at its path', () => {
    expect(parseRoute('/')).toEqual({ screen: 'home' });
    for (const screen of [
      'fleet',
      'orders',
      'models',
      'kpis',
      'portfolio',
      'touches',
      'segments',
      'network',
      'partners',
      'parts',
      'rules',
      'plans',
      'webhooks',
      'users',
      'account',
    ])
      expect(parseRoute(`/${screen}`)).toEqual({ screen });
    expect(parseRoute('/assets/engine%201')).toEqual({ screen: 'asset', id: 'engine 1' });
    expect(parseRoute('/contracts/c-1')).toEqual({ screen: 'contracts', id: 'c-1' });
    expect(parseRoute('/customers')).toEqual({ screen: 'customers' });
    expect(parseRoute('/customers/acme%20co')).toEqual({ screen: 'customers', id: 'acme co' });
  });

  it('answers not-found for unknown paths and extra segments', () => {
    for (const path of ['/nope', '/kpis/x', '/assets', '/assets/a/b', '/customers/a/b'])
      expect(parseRoute(path)).toEqual({ screen: 'not-found' });
  });

  it('is the inverse of routePath', () => {
    for (const path of [
      '/',
      '/kpis',
      '/assets/engine%201',
      '/contracts/c-1',
      '/contracts',
      '/customers/t%201',
    ])
      expect(routePath(parseRoute(path))).toBe(path);
  });
});
