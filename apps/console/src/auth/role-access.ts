import type { UserRole } from '@hourglass/contracts-api';

/** The console's screens a role can be sent to (the asset page is reached from the fleet). */
export type ScreenName =
  | 'fleet'
  | 'asset'
  | 'orders'
  | 'contracts'
  | 'customers'
  | 'portfolio'
  | 'touches'
  | 'segments'
  | 'network'
  | 'partners'
  | 'cases'
  | 'models'
  | 'kpis'
  | 'parts'
  | 'rules'
  | 'plans'
  | 'webhooks'
  | 'users'
  | 'account';

const STAFF_ALL: readonly ScreenName[] = [
  'fleet',
  'asset',
  'orders',
  'contracts',
  'customers',
  'portfolio',
  'touches',
  'segments',
  'models',
  'kpis',
  'network',
  'partners',
  'cases',
  'parts',
  'rules',
  'plans',
  'webhooks',
  'account',
];

/**
 * What each role works with, its home first. The API enforces the scope whatever the console
 * shows; this only keeps each role's navigation to what it uses (and can use: customers get no
 * model registry, rules, plans, webhooks or parts forecast).
 */
export const ROLE_SCREENS: Readonly<Record<UserRole, readonly ScreenName[]>> = {
  'provider-admin': [...STAFF_ALL, 'users'],
  provider: STAFF_ALL,
  // The service manager's work too: the network's figures, its partners and technicians.
  operator: [
    'fleet',
    'asset',
    'orders',
    'network',
    'partners',
    'cases',
    'plans',
    'parts',
    'kpis',
    'account',
  ],
  'reliability-engineer': [
    'models',
    'rules',
    'plans',
    'fleet',
    'asset',
    'orders',
    'cases',
    'kpis',
    'account',
  ],
  'account-manager': [
    'contracts',
    'customers',
    'portfolio',
    'touches',
    'segments',
    'kpis',
    'fleet',
    'asset',
    'orders',
    'account',
  ],
  customer: ['orders', 'fleet', 'asset', 'contracts', 'kpis', 'account'],
  // Only the orders assigned to its partner (the API's scope) and its own service figures.
  partner: ['orders', 'fleet', 'asset', 'network', 'cases', 'account'],
};

/** The screen a role lands on after signing in (and at `/`). */
export function homeScreen(role: UserRole): ScreenName {
  return (ROLE_SCREENS[role] ?? ROLE_SCREENS.customer)[0];
}

/** Whether the console offers `screen` to `role` (an unknown role gets what a customer gets). */
export function canSee(role: UserRole, screen: ScreenName): boolean {
  return (ROLE_SCREENS[role] ?? ROLE_SCREENS.customer).includes(screen);
}

/** Whether the role is the provider's staff (sees every tenant and may change what it sees). */
export function isStaff(role: UserRole): boolean {
  return role !== 'customer' && role !== 'partner';
}
