import { USER_ROLES } from '@hourglass/contracts-api';
import { canSee, homeScreen, isStaff, ROLE_SCREENS } from './role-access';

describe('role access', () => {
  it('gives each staff role and the customer its own home', () => {
    expect(Object.fromEntries(USER_ROLES.map((r) => [r, homeScreen(r)]))).toEqual({
      'provider-admin': 'fleet',
      provider: 'fleet',
      operator: 'fleet',
      'reliability-engineer': 'models',
      'account-manager': 'contracts',
      customer: 'orders',
    });
  });

  it('keeps provider-internal screens from customers and user management to provider-admin', () => {
    for (const screen of ['models', 'rules', 'plans', 'webhooks', 'parts', 'users'] as const)
      expect(canSee('customer', screen)).toBe(false);
    expect(USER_ROLES.filter((r) => canSee(r, 'users'))).toEqual(['provider-admin']);
    expect(USER_ROLES.filter((r) => !isStaff(r))).toEqual(['customer']);
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
    expect(homeScreen('partner' as never)).toBe('orders');
    expect(canSee('partner' as never, 'models')).toBe(false);
    expect(Object.keys(ROLE_SCREENS).sort()).toEqual([...USER_ROLES].sort());
  });
});
