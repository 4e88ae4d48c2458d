import { randomUUID } from 'node:crypto';
import { generateUserToken, hashToken, secretsEqual } from './api-token';
import type { Scope } from '@hourglass/platform-tenancy';
import { ADMIN_CALLER, userCaller, type Caller, type UserRole } from './caller';
import { PasswordHasher } from './password-hasher';
import type { ApiUser, UserPageKey, UserRepository } from './user.repository';

/**
 * Codes of user errors; the HTTP edge maps them (USER_EXISTS 409, NOT_FOUND 404, VALIDATION 400,
 * SIGN_IN_FAILED 401, WRONG_PASSWORD 403, SIGN_IN_THROTTLED 429 with Retry-After).
 */
export type UserErrorCode =
  | 'USER_EXISTS'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'SIGN_IN_FAILED'
  | 'WRONG_PASSWORD'
  | 'SIGN_IN_THROTTLED';

export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** Seconds to wait before trying again (`SIGN_IN_THROTTLED`; sent as `Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Actors the platform records itself: no user may take their names. */
const RESERVED_NAMES = new Set(['admin', 'system', 'health', 'root']);

/** When a token stops working: an instant, or a number of days from issue; neither = never. */
export interface TokenLifetime {
  /** ISO-8601 instant in the future. */
  expiresAt?: string;
  /** Days from now (whole days). */
  ttlDays?: number;
}

/** A new user as the API asks for it. */
export interface NewUser extends TokenLifetime {
  name: string;
  role: UserRole;
  tenantId?: string;
  /** Lets the user sign in with its name and this password too (only its scrypt hash is kept). */
  password?: string;
  /** The service partner of a partner user (required for them, refused for other roles). */
  partnerId?: string;
}

/** The service network as the API's users need it: partners and what a partner sees right now. */
export interface PartnerDirectory {
  /** Whether the partner exists. */
  exists(partnerId: string): Promise<boolean>;
  /** The partner's scope now: its currently assigned orders and their assets. */
  scopeOf(partnerId: string): Promise<Scope>;
}

/** What {@link UserService} works with. */
export interface UserServiceDependencies {
  users: UserRepository;
  /** `HG_ADMIN_TOKEN`: the provider-wide admin. */
  adminToken: string;
  /** Hashes passwords given at creation (default: {@link PasswordHasher} at its default cost). */
  hasher?: PasswordHasher;
  now?: () => number;
  /** The service network (partner users are refused without it). */
  partners?: PartnerDirectory;
}

const DAY_MS = 86_400_000;

/** The expiry instant of a token issued at `nowMs`, or null when it does not expire. */
export function tokenExpiry(lifetime: TokenLifetime, nowMs: number): string | null {
  if (lifetime.expiresAt !== undefined && lifetime.ttlDays !== undefined)
    throw new UserError('VALIDATION', 'give expiresAt or ttlDays, not both');
  if (lifetime.ttlDays !== undefined)
    return new Date(nowMs + lifetime.ttlDays * DAY_MS).toISOString();
  if (lifetime.expiresAt === undefined) return null;
  const at = Date.parse(lifetime.expiresAt);
  if (!(at > nowMs))
    throw new UserError('VALIDATION', 'expiresAt: must be an instant in the future');
  return new Date(at).toISOString();
}

/** A user with its bearer token: the only time the token is shown. */
export interface IssuedUser {
  user: ApiUser;
  token: string;
}

/** API users: issuing and revoking their tokens, and telling who a bearer token belongs to. */
export class UserService {
  private readonly users: UserRepository;
  private readonly adminToken: string;
  private readonly hasher: PasswordHasher;
  private readonly now: () => number;
  private readonly partners?: PartnerDirectory;

  constructor(deps: UserServiceDependencies) {
    this.users = deps.users;
    this.adminToken = deps.adminToken;
    this.hasher = deps.hasher ?? new PasswordHasher();
    this.now = deps.now ?? Date.now;
    this.partners = deps.partners;
  }

  /**
   * The caller of a bearer token, or null when it is unknown, revoked, expired or its user disabled.
   * A partner user's scope is resolved on every request, so an order re-assigned away is gone at once.
   */
  async authenticate(token: string): Promise<Caller | null> {
    if (this.adminToken && secretsEqual(token, this.adminToken)) return ADMIN_CALLER;
    const user = await this.users.findByTokenHash(hashToken(token));
    if (!user) return null;
    const assigned =
      user.partnerId && this.partners ? await this.partners.scopeOf(user.partnerId) : undefined;
    return userCaller(user, assigned);
  }

  async create(input: NewUser, createdBy: string): Promise<IssuedUser> {
    if (RESERVED_NAMES.has(input.name.toLowerCase()))
      throw new UserError('VALIDATION', `name ${input.name} is reserved`);
    if (input.role === 'customer' && !input.tenantId)
      throw new UserError('VALIDATION', 'tenantId: a customer user needs a tenant');
    if (input.role !== 'customer' && input.tenantId) {
      throw new UserError(
        'VALIDATION',
        `tenantId: ${input.role} users are provider staff and see every tenant; leave it out`,
      );
    }
    await this.checkPartner(input);
    const expiresAt = tokenExpiry(input, this.now());
    const token = generateUserToken();
    const user = await this.users.insert(
      {
        id: randomUUID(),
        name: input.name,
        role: input.role,
        tenantId: input.tenantId ?? null,
        ...(input.partnerId ? { partnerId: input.partnerId } : {}),
        createdBy,
      },
      hashToken(token),
      expiresAt,
      input.password === undefined ? null : await this.hasher.hash(input.password),
    );
    if (!user)
      throw new UserError(
        'USER_EXISTS',
        `a user named ${input.name} exists (names are unique, disabled users included)`,
      );
    return { user, token };
  }

  private async checkPartner(input: NewUser): Promise<void> {
    if (input.role !== 'partner') {
      if (input.partnerId)
        throw new UserError('VALIDATION', `partnerId: only partner users belong to a partner`);
      return;
    }
    if (!input.partnerId)
      throw new UserError('VALIDATION', 'partnerId: a partner user needs its service partner');
    if (!this.partners || !(await this.partners.exists(input.partnerId)))
      throw new UserError('VALIDATION', `partnerId: no service partner ${input.partnerId}`);
  }

  list(): Promise<ApiUser[]> {
    return this.users.list();
  }

  /** A page of users, oldest first (keyset on creation and id). */
  listPage(page: {
    limit: number;
    after?: UserPageKey;
  }): Promise<{ items: ApiUser[]; next: UserPageKey | null }> {
    return this.users.listPage(page);
  }

  async get(id: string): Promise<ApiUser> {
    const user = await this.users.get(id);
    if (!user) throw new UserError('NOT_FOUND', `user ${id} not found`);
    return user;
  }

  /** Disables the user: its tokens stop working with the next request. Disabling twice keeps the first stamp. */
  async disable(id: string, by: string): Promise<ApiUser> {
    const user = await this.users.disable(id, by);
    if (!user) throw new UserError('NOT_FOUND', `user ${id} not found`);
    return user;
  }

  /** A new token for an enabled user; the previous ones stop working at once. */
  async rotateToken(id: string, lifetime: TokenLifetime = {}): Promise<IssuedUser> {
    const expiresAt = tokenExpiry(lifetime, this.now());
    const token = generateUserToken();
    if (!(await this.users.replaceToken(id, hashToken(token), expiresAt))) {
      throw new UserError('NOT_FOUND', `user ${id} not found or disabled`);
    }
    return { user: await this.get(id), token };
  }
}
