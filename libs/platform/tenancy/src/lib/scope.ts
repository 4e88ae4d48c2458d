/**
 * Who is asking: the provider's staff see every tenant, a customer's users only their own, a
 * service partner's users only the assets and orders assigned to that partner right now.
 * Every repository method takes a Scope, so a query without one cannot be written.
 */
export type Scope =
  | { readonly kind: 'provider' }
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | PartnerScope;

/**
 * A service partner's view, resolved per request from its current assignments: the orders assigned
 * to it and their assets. Tenant-wide rows (contracts, plans, webhooks ...) are never in it.
 */
export interface PartnerScope {
  readonly kind: 'partner';
  readonly partnerId: string;
  readonly orderIds: readonly string[];
  readonly assetIds: readonly string[];
}

/** The provider-wide scope (the admin token, the platform's own services). */
export const PROVIDER_SCOPE: Scope = Object.freeze({ kind: 'provider' });

/** The tenant of devices provisioned without one. */
export const DEFAULT_TENANT_ID = 'default';

export function tenantScope(tenantId: string): Scope {
  return { kind: 'tenant', tenantId };
}

/** The scope of a partner's users: only `orderIds` and `assetIds` are visible. */
export function partnerScope(
  partnerId: string,
  assigned: { orderIds: readonly string[]; assetIds: readonly string[] },
): Scope {
  return Object.freeze({
    kind: 'partner',
    partnerId,
    orderIds: Object.freeze([...assigned.orderIds]),
    assetIds: Object.freeze([...assigned.assetIds]),
  });
}

/**
 * SQL condition restricting `column` to the scope; appends its parameter to `params`.
 * Returns `true` for the provider scope and `false` for a partner (who sees no tenant-wide rows:
 * rows of assigned assets and orders go through {@link assignedCondition}).
 */
export function scopeCondition(scope: Scope, column: string, params: unknown[]): string {
  if (scope.kind === 'provider') return 'true';
  if (scope.kind === 'partner') return 'false';
  params.push(scope.tenantId);
  return `${column} = $${params.length}`;
}

/** The columns a row can be scoped by: its tenant, and the asset or order it is about. */
export interface ScopedColumns {
  tenant: string;
  /** The row's asset id: a partner sees the rows of its assigned assets. */
  asset?: string;
  /** The row's order (task) id: a partner sees the rows of its assigned orders (wins over `asset`). */
  order?: string;
}

/**
 * Like {@link scopeCondition}, but a partner sees the rows of its assigned orders (`columns.order`)
 * or assets (`columns.asset`); without either column, nothing.
 */
export function assignedCondition(scope: Scope, columns: ScopedColumns, params: unknown[]): string {
  if (scope.kind !== 'partner') return scopeCondition(scope, columns.tenant, params);
  if (columns.order) {
    params.push([...scope.orderIds]);
    return `${columns.order} = any($${params.length}::text[])`;
  }
  if (columns.asset) {
    params.push([...scope.assetIds]);
    return `${columns.asset} = any($${params.length}::text[])`;
  }
  return 'false';
}

/** Whether a row of `tenantId` is visible in the scope (never for a partner: see {@link assignedCondition}). */
export function scopeAllows(scope: Scope, tenantId: string): boolean {
  if (scope.kind === 'partner') return false;
  return scope.kind === 'provider' || scope.tenantId === tenantId;
}
