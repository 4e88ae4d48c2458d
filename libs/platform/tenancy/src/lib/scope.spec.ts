import {
  assignedCondition,
  partnerScope,
  PROVIDER_SCOPE,
  scopeAllows,
  scopeCondition,
  tenantScope,
} from './scope';

describe(scopeCondition.name, () => {
  it('adds no condition for the provider scope', () => {
    const params: unknown[] = [];
    expect(scopeCondition(PROVIDER_SCOPE, 'tenant_id', params)).toBe('true');
    expect(params).toEqual([]);
  });

  it('binds the tenant id as the next parameter', () => {
    const params: unknown[] = ['x'];
    expect(scopeCondition(tenantScope('acme'), 't.tenant_id', params)).toBe('t.tenant_id = $2');
    expect(params).toEqual(['x', 'acme']);
  });
});

describe(scopeAllows.name, () => {
  it('lets a tenant see only its own rows', () => {
    expect(scopeAllows(tenantScope('a'), 'a')).toBe(true);
    expect(scopeAllows(tenantScope('a'), 'b')).toBe(false);
    expect(scopeAllows(PROVIDER_SCOPE, 'b')).toBe(true);
  });
});

describe(assignedCondition.name, () => {
  const partner = partnerScope('p', { orderIds: ['o-1'], assetIds: ['a-1', 'a-2'] });

  it('shows a partner no tenant-wide row, and the rows of its assigned orders or assets', () => {
    const params: unknown[] = [];
    expect(scopeCondition(partner, 'tenant_id', params)).toBe('false');
    expect(scopeAllows(partner, 'acme')).toBe(false);
    expect(assignedCondition(partner, { tenant: 'tenant_id' }, params)).toBe('false');
    expect(
      assignedCondition(partner, { tenant: 't', asset: 'asset_id', order: 'id' }, params),
    ).toBe('id = any($1::text[])');
    expect(assignedCondition(partner, { tenant: 't', asset: 'asset_id' }, params)).toBe(
      'asset_id = any($2::text[])',
    );
    expect(params).toEqual([['o-1'], ['a-1', 'a-2']]);
  });

  it('scopes providers and tenants as scopeCondition does', () => {
    const params: unknown[] = [];
    expect(assignedCondition(PROVIDER_SCOPE, { tenant: 't', order: 'id' }, params)).toBe('true');
    expect(assignedCondition(tenantScope('acme'), { tenant: 't', order: 'id' }, params)).toBe(
      't = $1',
    );
    expect(params).toEqual(['acme']);
  });
});
