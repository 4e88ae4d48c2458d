import { z } from 'zod';
import { instant } from './envelope.schemas';

/**
 * Role of an API user: `customer` sees one tenant, `partner` the orders assigned to its service
 * partner; every other role is the provider's staff.
 */
export const userRoleSchema = z.enum([
  'provider-admin',
  'provider',
  'operator',
  'reliability-engineer',
  'account-manager',
  'customer',
  'partner',
]);

/** `GET /api/users`, `GET/DELETE /api/users/{id}`. */
export const userResponseSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: userRoleSchema,
  /** The customer's tenant; null for provider staff. */
  tenantId: z.string().nullable(),
  /** The service partner of a partner user. */
  partnerId: z.string().nullable().optional(),
  createdBy: z.string(),
  createdAt: instant,
  disabledAt: instant.nullable(),
  disabledBy: z.string().nullable(),
  /** When the user's API token stops working; null: never. */
  tokenExpiresAt: instant.nullable().optional(),
  /** Whether the user may sign in with name and password. */
  hasPassword: z.boolean().optional(),
});

/** `POST /api/users`, `POST /api/users/{id}/token`: the user with its token, shown once. */
export const userWithTokenResponseSchema = userResponseSchema.extend({ token: z.string() });

/** `POST /api/sessions`, `PUT /api/me/password`: a session's bearer token (shown once) and its user. */
export const sessionResponseSchema = z.strictObject({
  token: z.string(),
  expiresAt: instant,
  user: z.strictObject({
    id: z.string(),
    name: z.string(),
    role: userRoleSchema,
    tenantId: z.string().nullable(),
  }),
});

/** `GET /api/me`: who a token belongs to. */
export const meResponseSchema = z.strictObject({
  /** `admin` for HG_ADMIN_TOKEN, else the user's name (the actor of the caller's audited changes). */
  name: z.string(),
  role: userRoleSchema,
  /** The customer's tenant; null for provider roles. */
  tenantId: z.string().nullable(),
});
