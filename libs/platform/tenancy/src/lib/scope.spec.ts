import { PROVIDER_SCOPE, scopeAllows, scopeCondition, tenantScope } from './scope';

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
