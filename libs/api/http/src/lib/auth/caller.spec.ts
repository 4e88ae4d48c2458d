import { partnerScope, PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { ADMIN_CALLER, denialReason, outsideProvider, userCaller, type Caller } from './caller';

describe(denialReason.name, () => {
  const provider = userCaller({ id: 'u-1', name: 'pat', role: 'provider', tenantId: null });
  const customer = userCaller({ id: 'u-2', name: 'cora', role: 'customer', tenantId: 'acme' });
  const admin = userCaller({ id: 'u-3', name: 'ada', role: 'provider-admin', tenantId: null });

  it('scopes provider roles to every tenant and customers to theirs, recording the name as actor', () => {
    expect(provider).toEqual({
      userId: 'u-1',
      actor: 'pat',
      role: 'provider',
      scope: PROVIDER_SCOPE,
    });
    expect(customer).toEqual({
      userId: 'u-2',
      actor: 'cora',
      role: 'customer',
      scope: tenantScope('acme'),
    });
    expect(ADMIN_CALLER).toMatchObject({
      userId: null,
      actor: 'admin',
      role: 'provider-admin',
      scope: PROVIDER_SCOPE,
    });
    expect(() => userCaller({ id: 'u-4', name: 'x', role: 'customer', tenantId: null })).toThrow(
      /no tenant/,
    );
  });

  it('lets every role read, and only provider roles change by default', () => {
    for (const caller of [provider, customer, admin, ADMIN_CALLER]) {
      expect(denialReason(caller, 'GET')).toBeNull();
      expect(denialReason(caller, 'head')).toBeNull();
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(denialReason(provider, method)).toBeNull();
      expect(denialReason(ADMIN_CALLER, method, 'provider')).toBeNull();
      expect(denialReason(customer, method)).toMatch(/needs a provider user/);
    }
  });

  it('opens routes marked any-user to customers, and keeps provider-admin routes to provider-admins even for reads', () => {
    expect(denialReason(customer, 'PATCH', 'any-user')).toBeNull();
    const denied = (c: Caller, m: string) => denialReason(c, m, 'provider-admin');
    expect(denied(admin, 'POST')).toBeNull();
    expect(denied(ADMIN_CALLER, 'GET')).toBeNull();
    expect(denied(provider, 'GET')).toMatch(
      /only provider-admin users manage users; pat is provider/,
    );
    expect(denied(customer, 'DELETE')).toMatch(/cora is customer/);
  });

  it('keeps provider-read routes from customers, reads included, and lets provider roles in', () => {
    expect(denialReason(customer, 'GET', 'provider-read')).toMatch(/provider-internal/);
    expect(denialReason(customer, 'PUT', 'provider-read')).toMatch(/needs a provider user/);
    for (const caller of [provider, admin, ADMIN_CALLER])
      expect(denialReason(caller, 'GET', 'provider-read')).toBeNull();
  });

  it('treats the staff roles (operator, reliability engineer, account manager) as provider users, not admins', () => {
    for (const role of ['operator', 'reliability-engineer', 'account-manager'] as const) {
      const staff = userCaller({ id: `u-${role}`, name: role, role, tenantId: null });
      expect(staff.scope).toEqual(PROVIDER_SCOPE);
      expect(denialReason(staff, 'POST')).toBeNull();
      expect(denialReason(staff, 'GET', 'provider-read')).toBeNull();
      expect(denialReason(staff, 'GET', 'provider-admin')).toMatch(/only provider-admin/);
    }
  });
});

describe('partner users', () => {
  const assigned = partnerScope('p-north', { orderIds: ['o-1'], assetIds: ['a-1'] });
  const nina = {
    id: 'u-9',
    name: 'nina',
    role: 'partner' as const,
    tenantId: null,
    partnerId: 'p-north',
  };

  it("takes the partner's resolved scope, and sees nothing without it or with another partner's", () => {
    expect(userCaller(nina, assigned).scope).toEqual(assigned);
    const empty = partnerScope('p-north', { orderIds: [], assetIds: [] });
    expect(userCaller(nina).scope).toEqual(empty);
    expect(
      userCaller(nina, partnerScope('p-south', { orderIds: ['o-2'], assetIds: [] })).scope,
    ).toEqual(empty);
    expect(() => userCaller({ ...nina, partnerId: undefined })).toThrow(/no partner/);
  });

  it('keeps partners from provider-internal reads and from changes outside any-user routes', () => {
    const caller = userCaller(nina, assigned);
    expect(denialReason(caller, 'GET')).toBeNull();
    expect(denialReason(caller, 'GET', 'provider-read')).toMatch(/partner users don't see it/);
    expect(denialReason(caller, 'POST')).toMatch(/needs a provider user/);
    expect(denialReason(caller, 'PATCH', 'any-user')).toBeNull();
    expect(outsideProvider(caller)).toBe(true);
  });
});
