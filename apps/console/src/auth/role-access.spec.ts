import { USER_ROLES } from '@hourglass/contracts-api';
import { canSee, homeScreen, isStaff, ROLE_SCREENS, type ScreenName } from './role-access';

const ALL_SCREENS: readonly ScreenName[] = [
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
  'parts',
  'rules',
  'plans',
  'webhooks',
  'users',
  'account',
];

describe('role access', () => {
  it('gives each staff role and the customer its own home', () => {
    expect(Object.fromEntries(USER_ROLES.map((r) => [r, homeScreen(r)]))).toEqual({
      'provider-admin': 'fleet',
      provider: 'fleet',
      operator: 'fleet',
      'reliability-engineer': 'models',
      'account-manager': 'contracts',
      customer: 'orders',
      partner: 'orders',
    });
  });

  it('keeps provider-internal screens from customers and user management to provider-admin', () => {
    for (const screen of ['models', 'rules', 'plans', 'webhooks', 'parts', 'users'] as const)
      expect(canSee('customer', screen)).toBe(false);
    expect(USER_ROLES.filter((r) => canSee(r, 'users'))).toEqual(['provider-admin']);
    expect(USER_ROLES.filter((r) => !isStaff(r))).toEqual(['customer', 'partner']);
  });

  it('gives the account manager the customers screen and keeps it from outside roles', () => {
    expect(USER_ROLES.filter((r) => canSee(r, 'customers'))).toEqual([
      'provider-admin',
      'provider',
      'account-manager',
    ]);
  });

  it('gives the account manager the portfolio matrix, a provider-only screen', () => {
    expect(USER_ROLES.filter((r) => canSee(r, 'portfolio'))).toEqual([
      'provider-admin',
      'provider',
      'account-manager',
    ]);
  });

  it('gives the account manager the touch calendar and RFM segments, provider-only screens', () => {
    for (const screen of ['touches', 'segments'] as const)
      expect({ screen, roles: USER_ROLES.filter((r) => canSee(r, screen)) }).toEqual({
        screen,
        roles: ['provider-admin', 'provider', 'account-manager'],
      });
  });

  it('gives partner management to the service side (operators), not to partners or customers', () => {
    expect(USER_ROLES.filter((r) => canSee(r, 'partners'))).toEqual([
      'provider-admin',
      'provider',
      'operator',
    ]);
  });

  it('hides provider-only navigation from partners: their orders, assets and own figures', () => {
    expect(ALL_SCREENS.filter((s) => canSee('partner', s))).toEqual([
      'fleet',
      'asset',
      'orders',
      'network',
      'account',
    ]);
    expect(USER_ROLES.filter((r) => canSee(r, 'network'))).toEqual([
      'provider-admin',
      'provider',
      'operator',
      'partner',
    ]);
  });

  it('gives the case library to service staff and partners, never to customers (the API refuses them)', () => {
    expect(USER_ROLES.filter((r) => canSee(r, 'cases'))).toEqual([
      'provider-admin',
      'provider',
      'operator',
      'reliability-engineer',
      'partner',
    ]);
  });

  it('lets every role reach the fleet, its orders and its own account', () => {
    for (const role of USER_ROLES)
      for (const screen of ['fleet', 'asset', 'orders', 'account'] as const)
        expect({ role, screen, allowed: canSee(role, screen) }).toEqual({
          role,
          screen,
          allowed: true,
        });
  });

  it('treats a role it does not know as a customer', () => {
    expect(homeScreen('auditor' as never)).toBe('orders');
    expect(canSee('auditor' as never, 'models')).toBe(false);
    expect(Object.keys(ROLE_SCREENS).sort()).toEqual([...USER_ROLES].sort());
  });
});
