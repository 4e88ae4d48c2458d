import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { ensureTenant, type Scope, scopeCondition } from '@hourglass/platform-tenancy';

/** A provisioned device as stored (never with its password). */
export interface Device {
  id: string;
  tenantId: string;
  type: string;
  username: string;
  revokedAt: string | null;
  createdAt: string;
}

/** An asset: the equipment a device reports for (one per device for now). */
export interface Asset {
  id: string;
  tenantId: string;
  deviceId: string;
  type: string;
  state: string | null;
  lastSeen: string | null;
  installedAt: string | null;
  /** The device's MQTT connection from its retained status; null before it first connected. */
  connection: 'ONLINE' | 'OFFLINE' | null;
  /** When `connection` last changed (ISO 8601), null with it. */
  connectionSince: string | null;
}

interface DeviceRow {
  id: string;
  tenant_id: string;
  type: string;
  username: string;
  revoked_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  tenantId: r.tenant_id,
  type: r.type,
  username: r.username,
  revokedAt: iso(r.revoked_at),
  createdAt: iso(r.created_at) as string,
});

/** Devices, their credentials and their assets in the relational store. */
export class DeviceRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(device: {
    id: string;
    tenantId: string;
    type: string;
    passwordHash: string;
  }): Promise<boolean> {
    return this.db.transaction(async (tx: SqlExecutor) => {
      await ensureTenant(tx, device.tenantId);
      const rows = await tx.query(
        `insert into devices (id, tenant_id, type, username, password_hash) values ($1, $2, $3, $1, $4)
         on conflict (id) do nothing returning id`,
        [device.id, device.tenantId, device.type, device.passwordHash],
      );
      if (rows.length === 0) return false;
      await tx.query(
        'insert into assets (id, tenant_id, device_id, type) values ($1, $2, $1, $3)',
        [device.id, device.tenantId, device.type],
      );
      return true;
    });
  }

  /** Devices in id order; with `page`, at most `page.limit` of them after the id `page.after` (keyset pagination). */
  async list(scope: Scope, page?: { limit: number; after?: string }): Promise<Device[]> {
    const params: unknown[] = [page?.after ?? null, page?.limit ?? null];
    const rows = await this.db.query<DeviceRow>(
      `select * from devices where ($1::text is null or id > $1) and ${scopeCondition(scope, 'tenant_id', params)}
       order by id limit $2::int`,
      params as string[],
    );
    return rows.map(toDevice);
  }

  /** The ids of a scope's devices (revoked ones included), in id order. */
  async ids(scope: Scope): Promise<string[]> {
    const params: unknown[] = [];
    const rows = await this.db.query<{ id: string }>(
      `select id from devices where ${scopeCondition(scope, 'tenant_id', params)} order by id`,
      params as string[],
    );
    return rows.map((r) => r.id);
  }

  /** Each of a scope's devices' type by id (revoked ones included), in id order: `list` without the rest. */
  async types(scope: Scope): Promise<Map<string, string>> {
    const params: unknown[] = [];
    const rows = await this.db.query<{ id: string; type: string }>(
      `select id, type from devices where ${scopeCondition(scope, 'tenant_id', params)} order by id`,
      params as string[],
    );
    return new Map(rows.map((r) => [r.id, r.type]));
  }

  async get(scope: Scope, id: string): Promise<Device | null> {
    const params: unknown[] = [id];
    const rows = await this.db.query<DeviceRow>(
      `select * from devices where id = $1 and ${scopeCondition(scope, 'tenant_id', params)}`,
      params as string[],
    );
    return rows[0] ? toDevice(rows[0]) : null;
  }

  /** Credentials for authentication: only for devices not revoked. */
  async findCredentials(
    username: string,
  ): Promise<{ deviceId: string; tenantId: string; passwordHash: string } | null> {
    const rows = await this.db.query<{ id: string; tenant_id: string; password_hash: string }>(
      'select id, tenant_id, password_hash from devices where username = $1 and revoked_at is null',
      [username],
    );
    const r = rows[0];
    return r ? { deviceId: r.id, tenantId: r.tenant_id, passwordHash: r.password_hash } : null;
  }

  /** {@link findCredentials} of many usernames in one query (absent: unknown or revoked). */
  async findCredentialsMany(
    usernames: readonly string[],
  ): Promise<Map<string, { deviceId: string; tenantId: string; passwordHash: string }>> {
    if (usernames.length === 1) {
      // A third cheaper than `any($1)` on PGlite, and a lone CONNECT is the common case.
      const one = await this.findCredentials(usernames[0]);
      return new Map(one ? [[usernames[0], one]] : []);
    }
    const rows = await this.db.query<{
      id: string;
      username: string;
      tenant_id: string;
      password_hash: string;
    }>(
      'select id, username, tenant_id, password_hash from devices where username = any($1::text[]) and revoked_at is null',
      [[...usernames]],
    );
    return new Map(
      rows.map((r) => [
        r.username,
        { deviceId: r.id, tenantId: r.tenant_id, passwordHash: r.password_hash },
      ]),
    );
  }

  async updatePassword(scope: Scope, id: string, passwordHash: string): Promise<boolean> {
    const params: unknown[] = [id, passwordHash];
    const rows = await this.db.query(
      `update devices set password_hash = $2, revoked_at = null, updated_at = now()
       where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning id`,
      params as string[],
    );
    return rows.length > 0;
  }

  /**
   * Re-stores the same credential in another hash form, only while `from` is still stored (a
   * rotation in between wins). `updated_at` stays: this is no credential change to announce.
   */
  async replacePasswordHash(id: string, from: string, to: string): Promise<boolean> {
    const rows = await this.db.query(
      'update devices set password_hash = $3 where id = $1 and password_hash = $2 returning id',
      [id, from, to],
    );
    return rows.length > 0;
  }

  /** Devices whose credentials were revoked or rotated after `since` (any tenant: for the broker). */
  async credentialChangesSince(
    since: Date,
  ): Promise<Array<{ deviceId: string; kind: 'revoked' | 'rotated'; at: Date }>> {
    const rows = await this.db.query<{ id: string; revoked_at: Date | null; updated_at: Date }>(
      'select id, revoked_at, updated_at from devices where updated_at > $1 and updated_at > created_at order by updated_at',
      [since.toISOString()],
    );
    return rows.map((r) => ({
      deviceId: r.id,
      kind: r.revoked_at ? 'revoked' : 'rotated',
      at: new Date(r.updated_at),
    }));
  }

  async revoke(scope: Scope, id: string): Promise<boolean> {
    const params: unknown[] = [id];
    const rows = await this.db.query(
      `update devices set revoked_at = now(), updated_at = now()
       where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning id`,
      params as string[],
    );
    return rows.length > 0;
  }
}
