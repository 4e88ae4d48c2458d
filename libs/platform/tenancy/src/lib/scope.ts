/**
 * Who is asking: the provider's staff see every tenant, a customer's users only their own.
 * Every repository method takes a Scope, so a query without one cannot be written.
 */
export type Scope =
  { readonly kind: 'provider' } | { readonly kind: 'tenant'; readonly tenantId: string };

/** The provider-wide scope (the admin token, the platform's own services). */
export const PROVIDER_SCOPE: Scope = Object.freeze({ kind: 'provider' });

/** The tenant of devices provisioned without one. */
export const DEFAULT_TENANT_ID = 'default';

export function tenantScope(tenantId: string): Scope {
  return { kind: 'tenant', tenantId };
}

/**
 * SQL condition restricting `column` to the scope; appends its parameter to `params`.
 * Returns `true` for the provider scope.
 */
export function scopeCondition(scope: Scope, column: string, params: unknown[]): string {
  if (scope.kind === 'provider') return 'true';
  params.push(scope.tenantId);
  return `${column} = $${params.length}`;
}

/** Whether a row of `tenantId` is visible in the scope. */
export function scopeAllows(scope: Scope, tenantId: string): boolean {
  return scope.kind === 'provider' || scope.tenantId === tenantId;
}
