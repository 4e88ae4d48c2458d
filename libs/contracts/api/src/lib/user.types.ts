import type { z } from 'zod';
import type {
  meResponseSchema,
  sessionResponseSchema,
  userResponseSchema,
  userWithTokenResponseSchema,
} from './schemas/user.schemas';

/**
 * Role of an API user: `customer` sees one tenant, `partner` the orders assigned to its service
 * partner; every other role is the provider's staff.
 */
export type UserRole =
  | 'provider-admin'
  | 'provider'
  | 'operator'
  | 'reliability-engineer'
  | 'account-manager'
  | 'customer'
  | 'partner';
/** Every {@link UserRole}. */
export const USER_ROLES: readonly UserRole[] = Object.freeze([
  'provider-admin',
  'provider',
  'operator',
  'reliability-engineer',
  'account-manager',
  'customer',
  'partner',
]);

/** `GET /api/users`, `GET/DELETE /api/users/{id}`. */
export type UserResponse = z.infer<typeof userResponseSchema>;

/** `POST /api/users` body. */
export interface CreateUserRequest {
  name: string;
  role: UserRole;
  /** Required for customers. */
  tenantId?: string;
  /** Required for partner users: the service partner they work for. */
  partnerId?: string;
  /** 10 to 256 characters: the user may also sign in with name and password. */
  password?: string;
}

/** `POST /api/users`, `POST /api/users/{id}/token`: the user with its token, shown once. */
export type UserWithTokenResponse = z.infer<typeof userWithTokenResponseSchema>;

/** `POST /api/sessions` body: sign in with name and password. */
export interface SignInRequest {
  name: string;
  password: string;
}

/** `POST /api/sessions`, `PUT /api/me/password`: a session's bearer token (shown once) and its user. */
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** `GET /api/me`: who a token belongs to. */
export type MeResponse = z.infer<typeof meResponseSchema>;

/** `PUT /api/me/password` body (`currentPassword` once a password is set). */
export interface ChangePasswordRequest {
  currentPassword?: string;
  password: string;
}

/** `PUT /api/users/{id}/password` body (provider-admin). */
export interface SetPasswordRequest {
  password: string;
}
