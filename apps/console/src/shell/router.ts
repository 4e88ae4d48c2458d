import { useEffect, useState } from 'react';

/** The screens and their parameters, parsed from the path. */
export type Route =
  | { screen: 'home' }
  | { screen: 'asset'; id: string }
  | { screen: 'contracts'; id?: string }
  | { screen: 'customers'; id?: string }
  | { screen: SimpleScreen }
  | { screen: 'not-found' };

/** Screens without parameters, each at `/{name}`. */
export type SimpleScreen =
  | 'fleet'
  | 'orders'
  | 'models'
  | 'kpis'
  | 'portfolio'
  | 'touches'
  | 'segments'
  | 'network'
  | 'partners'
  | 'cases'
  | 'parts'
  | 'rules'
  | 'plans'
  | 'webhooks'
  | 'users'
  | 'account';

const SIMPLE: ReadonlySet<string> = new Set<SimpleScreen>([
  'fleet',
  'orders',
  'models',
  'kpis',
  'portfolio',
  'touches',
  'segments',
  'network',
  'partners',
  'cases',
  'parts',
  'rules',
  'plans',
  'webhooks',
  'users',
  'account',
]);

/**
 * Parses a console path (`/` is the role's home; `/assets/{id}`, `/contracts/{id}`,
 * `/customers/{tenantId}`, `/kpis`, ...).
 */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id] = parts;
  if (!head) return { screen: 'home' };
  if (head === 'assets' && id && parts.length === 2) return { screen: 'asset', id };
  if (head === 'contracts' && parts.length <= 2)
    return id ? { screen: 'contracts', id } : { screen: 'contracts' };
  if (head === 'customers' && parts.length <= 2)
    return id ? { screen: 'customers', id } : { screen: 'customers' };
  if (SIMPLE.has(head) && parts.length === 1) return { screen: head as SimpleScreen };
  return { screen: 'not-found' };
}

/** The path of a route, the inverse of {@link parseRoute}. */
export function routePath(route: Route): string {
  switch (route.screen) {
    case 'asset':
      return `/assets/${encodeURIComponent(route.id)}`;
    case 'contracts':
      return route.id ? `/contracts/${encodeURIComponent(route.id)}` : '/contracts';
    case 'customers':
      return route.id ? `/customers/${encodeURIComponent(route.id)}` : '/customers';
    case 'home':
    case 'not-found':
      return '/';
    default:
      return `/${route.screen}`;
  }
}

const listeners = new Set<() => void>();

/** Moves to `path` without reloading (history API; the platform answers every console path with the app). */
export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

/** The current route, following navigation and the back button. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
