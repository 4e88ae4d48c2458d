import { partnerScope, PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';

/**
 * What a user may do. `provider-admin`: everything, managing users included; `provider` and the
 * staff roles by what they do (`operator`, `reliability-engineer`, `account-manager`): every
 * tenant, every change but users (the API treats them alike; the console shows each its own
 * home); `customer`: one tenant, read-only except working its tasks (PATCH /api/tasks/{id});
 * `partner`: a service partner's staff, only the orders (and their assets) assigned to the partner
 * while assigned, read-only except working them.
 */
export type UserRole =
  | 'provider-admin'
  | 'provider'
  | 'operator'
  | 'reliability-engineer'
  | 'account-manager'
  | 'customer'
  | 'partner';
export const USER_ROLES: readonly UserRole[] = [
  'provider-admin',
  'provider',
  'operator',
  'reliability-engineer',
  'account-manager',
  'customer',
  'partner',
];

/** Roles outside the provider: they see a part of the data and change only what routes open to any user. */
const OUTSIDE_ROLES: ReadonlySet<UserRole> = new Set(['customer', 'partner']);

/** Whether the caller is outside the provider (a customer's or a partner's user): no cost side, no staff names. */
export const outsideProvider = (caller: { role: UserRole }): boolean =>
  OUTSIDE_ROLES.has(caller.role);

/** Who is calling, as the bearer guard authenticated it. */
export interface Caller {
  /** The user's id; null for the `HG_ADMIN_TOKEN`. */
  userId: string | null;
  /** Recorded as the actor of audited changes: `admin` for the `HG_ADMIN_TOKEN`, else the user's name. */
  actor: string;
  role: UserRole;
  /** What the caller sees: provider-wide for provider roles, the user's tenant for customers, the assigned orders for partners. */
  scope: Scope;
}

/** The caller of the `HG_ADMIN_TOKEN`: provider-wide, recorded as `admin`. */
export const ADMIN_CALLER: Caller = Object.freeze({
  userId: null,
  actor: 'admin',
  role: 'provider-admin',
  scope: PROVIDER_SCOPE,
});

/**
 * The caller of an enabled user's token. A partner user's scope is `assigned` (resolved from the
 * partner's current assignments by the caller); without it, the partner sees nothing.
 */
export function userCaller(
  user: { id: string; name: string; role: UserRole; tenantId: string | null; partnerId?: string },
  assigned?: Scope,
): Caller {
  if (user.role === 'partner') {
    if (!user.partnerId) throw new Error(`partner user ${user.id} has no partner`);
    const empty = partnerScope(user.partnerId, { orderIds: [], assetIds: [] });
    const scope =
      assigned?.kind === 'partner' && assigned.partnerId === user.partnerId ? assigned : empty;
    return { userId: user.id, actor: user.name, role: user.role, scope };
  }
  if (user.role === 'customer') {
    if (!user.tenantId) throw new Error(`customer user ${user.id} has no tenant`);
    return {
      userId: user.id,
      actor: user.name,
      role: user.role,
      scope: tenantScope(user.tenantId),
    };
  }
  return { userId: user.id, actor: user.name, role: user.role, scope: PROVIDER_SCOPE };
}

/**
 * Who a route lets in beyond reads. `provider` (the default): changes need a provider role;
 * `any-user`: every role may change (within its scope, e.g. working its tasks);
 * `provider-read`: provider-internal data, even reads need a provider role (warning policies, the
 * model registry and its history, contract audit trails: they name the provider's staff);
 * `provider-admin`: even reads need the provider-admin role (user management).
 */
export type RouteAccess = 'provider' | 'any-user' | 'provider-read' | 'provider-admin';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether `caller` may send `method` to a route of `access`: null when allowed, else the reason
 * (answered with 403). Reads are open to every role because the scope filters what they see.
 */
export function denialReason(
  caller: Caller,
  method: string,
  access: RouteAccess = 'provider',
): string | null {
  if (access === 'provider-admin') {
    return caller.role === 'provider-admin'
      ? null
      : `only provider-admin users manage users; ${caller.actor} is ${caller.role}`;
  }
  const outside = OUTSIDE_ROLES.has(caller.role);
  if (access === 'provider-read' && outside && READS.has(method.toUpperCase())) {
    return `provider-internal data (staff names, model registry, audit trails): ${caller.role} users don't see it`;
  }
  if (READS.has(method.toUpperCase()) || access === 'any-user') return null;
  if (caller.role === 'customer') {
    return `customer users may read their tenant's data and update its tasks; this change (${method.toUpperCase()}) needs a provider user`;
  }
  if (caller.role === 'partner') {
    return `partner users may read and work the orders assigned to their partner; this change (${method.toUpperCase()}) needs a provider user`;
  }
  return null;
}
