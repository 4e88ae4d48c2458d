import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import type { UserRole } from './caller';
import { ensureTenant } from '@hourglass/platform-tenancy';

/** An API user (the public shape of `/api/users`); its token is never part of it. */
export interface ApiUser {
  id: string;
  name: string;
  role: UserRole;
  /** The customer's tenant; null for provider staff. */
  tenantId: string | null;
  /** The service partner of a partner user (absent for other roles). */
  partnerId?: string;
  createdBy: string;
  createdAt: string;
  disabledAt: string | null;
  disabledBy: string | null;
  /** When the user's current API token stops working; null when it does not expire (or the user has none). */
  tokenExpiresAt: string | null;
  /** Whether the user has a password (may sign in with name and password); the hash is never shown. */
  hasPassword: boolean;
}

const iso = (v: unknown) => (v ? new Date(v as Date).toISOString() : null);
const toUser = (r: Record<string, unknown>): ApiUser => ({
  id: String(r.id),
  name: String(r.name),
  role: r.role as UserRole,
  tenantId: (r.tenant_id as string | null) ?? null,
  ...(r.partner_id ? { partnerId: String(r.partner_id) } : {}),
  createdBy: String(r.created_by),
  createdAt: iso(r.created_at) as string,
  disabledAt: iso(r.disabled_at),
  disabledBy: (r.disabled_by as string | null) ?? null,
  tokenExpiresAt: iso(r.token_expires_at),
  hasPassword: r.password_hash !== null && r.password_hash !== undefined,
});

/** Users with the expiry of their current (unrevoked) API token. */
const USERS = `select u.*, (select max(t.expires_at) from user_tokens t where t.user_id = u.id and t.revoked_at is null and t.kind = 'api') as token_expires_at from users u`;

/** Where a page of users ends: its last user's creation (µs since the epoch, exact) and id. */
export interface UserPageKey {
  createdUs: number;
  id: string;
}

const CREATED_US = '(extract(epoch from l.created_at) * 1000000)::bigint';

/** Users, their password hashes and token hashes in the relational store (migrations 006, 010, 013, 014). */
export class UserRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Inserts the user with its first token hash; null when the name is taken (case-insensitively). */
  async insert(
    user: Omit<
      ApiUser,
      'createdAt' | 'disabledAt' | 'disabledBy' | 'tokenExpiresAt' | 'hasPassword'
    >,
    tokenHash: string,
    expiresAt: string | null = null,
    passwordHash: string | null = null,
  ): Promise<ApiUser | null> {
    return this.db.transaction(async (tx) => {
      if (user.tenantId) await ensureTenant(tx, user.tenantId);
      const rows = await tx.query<Record<string, unknown>>(
        `insert into users (id, name, tenant_id, role, created_by, password_hash, password_changed_at, partner_id)
         values ($1, $2, $3, $4, $5, $6::text, case when $6::text is null then null else now() end, $7)
         on conflict do nothing returning *`,
        [
          user.id,
          user.name,
          user.tenantId,
          user.role,
          user.createdBy,
          passwordHash,
          user.partnerId ?? null,
        ],
      );
      if (!rows[0]) return null;
      await this.addToken(tx, user.id, tokenHash, expiresAt);
      return toUser({ ...rows[0], token_expires_at: expiresAt });
    });
  }

  async list(): Promise<ApiUser[]> {
    return (
      await this.db.query<Record<string, unknown>>(`${USERS} order by u.created_at, u.id`)
    ).map(toUser);
  }

  /** A page of {@link list} (oldest first), keyset-paginated on (created_at, id); `next` when more follow. */
  async listPage(page: {
    limit: number;
    after?: UserPageKey;
  }): Promise<{ items: ApiUser[]; next: UserPageKey | null }> {
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from (select l.*, ${CREATED_US} as created_us from (${USERS}) l) u
       where $1::bigint is null or u.created_us > $1::bigint or (u.created_us = $1::bigint and u.id > $2)
       order by u.created_at, u.id limit $3::int`,
      [page.after?.createdUs ?? null, page.after?.id ?? null, page.limit + 1],
    );
    const kept = rows.slice(0, page.limit);
    const last = kept[kept.length - 1];
    const next =
      rows.length > page.limit && last
        ? { createdUs: Number(last.created_us), id: String(last.id) }
        : null;
    return { items: kept.map(toUser), next };
  }

  async get(id: string): Promise<ApiUser | null> {
    const [row] = await this.db.query<Record<string, unknown>>(`${USERS} where u.id = $1`, [id]);
    return row ? toUser(row) : null;
  }

  /** The enabled user holding an unrevoked, unexpired token of this hash, or null. */
  async findByTokenHash(tokenHash: string): Promise<ApiUser | null> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `select u.* from user_tokens t join users u on u.id = t.user_id
       where t.token_hash = $1 and t.revoked_at is null and u.disabled_at is null
         and (t.expires_at is null or t.expires_at > now())`,
      [tokenHash],
    );
    return row ? toUser(row) : null;
  }

  /** Disables the user and revokes its tokens at once; null when there is no such user. */
  async disable(id: string, by: string): Promise<ApiUser | null> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<Record<string, unknown>>(
        `update users set disabled_at = coalesce(disabled_at, now()), disabled_by = coalesce(disabled_by, $2)
         where id = $1 returning *`,
        [id, by],
      );
      if (!rows[0]) return null;
      await tx.query(
        'update user_tokens set revoked_at = now() where user_id = $1 and revoked_at is null',
        [id],
      );
      return toUser({ ...rows[0], token_expires_at: null });
    });
  }

  /** Revokes the user's tokens and stores a new one; false when the user is missing or disabled. */
  async replaceToken(
    id: string,
    tokenHash: string,
    expiresAt: string | null = null,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        'select id from users where id = $1 and disabled_at is null for update',
        [id],
      );
      if (!rows.length) return false;
      await tx.query(
        'update user_tokens set revoked_at = now() where user_id = $1 and revoked_at is null',
        [id],
      );
      await this.addToken(tx, id, tokenHash, expiresAt);
      return true;
    });
  }

  /** The enabled user of this name (case-insensitive) with its password hash (null: none set), or null. */
  async findForSignIn(
    name: string,
  ): Promise<{ user: ApiUser; passwordHash: string | null } | null> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `${USERS} where lower(u.name) = lower($1) and u.disabled_at is null`,
      [name],
    );
    return row
      ? { user: toUser(row), passwordHash: (row.password_hash as string | null) ?? null }
      : null;
  }

  /** The password hash of an enabled user (null: none set); undefined when there is no such enabled user. */
  async passwordHash(id: string): Promise<string | null | undefined> {
    const [row] = await this.db.query<{ password_hash: string | null }>(
      'select password_hash from users where id = $1 and disabled_at is null',
      [id],
    );
    return row ? row.password_hash : undefined;
  }

  /**
   * Sets an enabled user's password hash and ends its sessions (its API token stays); false when
   * the user is missing or disabled.
   */
  async setPassword(id: string, passwordHash: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `update users set password_hash = $2, password_changed_at = now()
         where id = $1 and disabled_at is null returning id`,
        [id, passwordHash],
      );
      if (!rows.length) return false;
      await tx.query(
        `update user_tokens set revoked_at = now() where user_id = $1 and kind = 'session' and revoked_at is null`,
        [id],
      );
      return true;
    });
  }

  /** Stores the token of a new sign-in session (it expires at `expiresAt`). */
  async addSession(userId: string, tokenHash: string, expiresAt: string): Promise<void> {
    await this.addToken(this.db, userId, tokenHash, expiresAt, 'session');
  }

  /** Revokes one session token (signing out); false when it is no live session token. */
  async endSession(tokenHash: string): Promise<boolean> {
    const rows = await this.db.query(
      `update user_tokens set revoked_at = now()
       where token_hash = $1 and kind = 'session' and revoked_at is null returning token_hash`,
      [tokenHash],
    );
    return rows.length > 0;
  }

  private async addToken(
    tx: SqlExecutor,
    userId: string,
    tokenHash: string,
    expiresAt: string | null,
    kind: 'api' | 'session' = 'api',
  ): Promise<void> {
    await tx.query(
      'insert into user_tokens (token_hash, user_id, expires_at, kind) values ($1, $2, $3, $4)',
      [tokenHash, userId, expiresAt, kind],
    );
  }
}
