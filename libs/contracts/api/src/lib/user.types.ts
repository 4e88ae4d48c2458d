/** Role of an API user. */
export type UserRole = 'provider-admin' | 'provider' | 'customer';
/** Every {@link UserRole}. */
export const USER_ROLES: readonly UserRole[] = Object.freeze([
  'provider-admin',
  'provider',
  'customer',
]);

/** `GET /api/users`, `GET/DELETE /api/users/{id}`. */
export interface UserResponse {
  id: string;
  name: string;
  role: UserRole;
  /** The customer's tenant; null for provider staff. */
  tenantId: string | null;
  createdBy: string;
  createdAt: string;
  disabledAt: string | null;
  disabledBy: string | null;
}

/** `POST /api/users` body. */
export interface CreateUserRequest {
  name: string;
  role: UserRole;
  /** Required for customers. */
  tenantId?: string;
}

/** `POST /api/users`, `POST /api/users/{id}/token`: the user with its token, shown once. */
export interface UserWithTokenResponse extends UserResponse {
  token: string;
}
