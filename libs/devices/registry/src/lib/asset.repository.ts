import type { SqlDatabase, SqlExecutor } from '@hourglass/platform-sql';
import { assignedCondition, type Scope } from '@hourglass/platform-tenancy';
import type { Asset } from './device.repository';

/**
 * An asset that has reported, as the scoring round reads it. Times are epoch milliseconds as the
 * database computes them (fractions kept, so two of them compare as the stored times do).
 */
export interface HeardAsset {
  id: string;
  tenantId: string;
  type: string;
  lastSeen: number;
  installedAt: number | null;
}

/** An asset as the registry knows it: its tenant, type and when it was registered (epoch micros, exact). */
export interface RegisteredAsset {
  id: string;
  tenantId: string;
  type: string;
  registeredAtUs: number;
}

/** A new unit installed on an asset (its age counter restarted), at epoch ms. */
export interface AssetInstall {
  assetId: string;
  at: number;
}

interface AssetRow {
  id: string;
  tenant_id: string;
  device_id: string;
  type: string;
  state: string | null;
  last_seen: Date | null;
  installed_at: Date | null;
  connection: 'ONLINE' | 'OFFLINE' | null;
  connection_since: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The assets table: the equipment devices report for, read and updated by the other domains through this API. */
export class AssetRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * The assets of a scope (one when `id` is given), by id; a page of at most `page.limit` after the
   * id `page.after`; only those with `filter.connection` when given.
   */
  async list(
    scope: Scope,
    id?: string,
    page?: { limit: number; after?: string },
    filter: { connection?: 'ONLINE' | 'OFFLINE' } = {},
  ): Promise<Asset[]> {
    const params: unknown[] = [
      id ?? null,
      page?.after ?? null,
      page?.limit ?? null,
      filter.connection ?? null,
    ];
    const rows = await this.db.query<AssetRow>(
      `select id, tenant_id, device_id, type, state, last_seen, installed_at, connection,
         connection_since from assets
       where ($1::text is null or id = $1) and ($2::text is null or id > $2)
         and ($4::text is null or connection = $4)
         and ${assignedCondition(scope, { tenant: 'tenant_id', asset: 'id' }, params)}
       order by id limit $3::int`,
      params as string[],
    );
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      deviceId: r.device_id,
      type: r.type,
      state: r.state ?? null,
      lastSeen: iso(r.last_seen),
      installedAt: iso(r.installed_at),
      connection: r.connection ?? null,
      connectionSince: iso(r.connection_since),
    }));
  }

  /** The ids of a tenant's assets, sorted (one cheap statement: what other domains key their per-tenant reads on). */
  async idsOfTenant(tenantId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      'select id from assets where tenant_id = $1 order by id',
      [tenantId],
    );
    return rows.map((r) => r.id);
  }

  /** The ids of each tenant's assets, sorted, in one statement (a whole book's fleet contracts). */
  async idsOfTenants(tenantIds: readonly string[]): Promise<Map<string, string[]>> {
    const ids = new Map<string, string[]>(tenantIds.map((t) => [t, []]));
    if (tenantIds.length === 0) return ids;
    const rows = await this.db.query<{ id: string; tenant_id: string }>(
      'select id, tenant_id from assets where tenant_id = any($1::text[]) order by id',
      [[...tenantIds]],
    );
    for (const r of rows) ids.get(r.tenant_id)?.push(r.id);
    return ids;
  }

  /** Every asset (all tenants: for the scoring process) that has reported at least once, by id. */
  async heardFrom(): Promise<HeardAsset[]> {
    // One JSON document instead of a row per asset: the embedded database hands rows over one
    // field at a time in JavaScript, JSON.parse takes the whole list natively.
    const [row] = await this.db.query<{ list: unknown }>(
      `select coalesce(json_agg(json_build_array(id, tenant_id, type,
           (extract(epoch from last_seen) * 1000)::float8,
           (extract(epoch from installed_at) * 1000)::float8) order by id), '[]') as list
       from assets where last_seen is not null`,
    );
    const raw = row?.list;
    const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<
      [string, string, string, number, number | null]
    >;
    return list.map(([id, tenantId, type, lastSeen, installedAt]) => ({
      id,
      tenantId,
      type,
      lastSeen,
      installedAt,
    }));
  }

  /** The type of each of `assetIds` that exists (any tenant: callers pass ids they already scoped), by id. */
  async types(assetIds: readonly string[]): Promise<Map<string, string>> {
    if (assetIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; type: string }>(
      'select id, type from assets where id = any($1::text[])',
      [[...assetIds]],
    );
    return new Map(rows.map((r) => [r.id, r.type]));
  }

  /** Records that new units were installed on assets (any tenant: the scoring process detects them). */
  async markInstalled(installs: readonly AssetInstall[]): Promise<void> {
    if (installs.length === 0) return;
    await this.db.query(
      `update assets set installed_at = u.at from unnest($1::text[], $2::timestamptz[]) as u(id, at) where assets.id = u.id`,
      [installs.map((i) => i.assetId), installs.map((i) => new Date(i.at).toISOString())],
    );
  }

  /**
   * Registered assets of one tenant (every one when `ids` is omitted, else those of `ids` that are
   * the tenant's), by id. `tx` reads inside the caller's transaction.
   */
  async ofTenant(
    tenantId: string,
    ids?: readonly string[],
    tx: SqlExecutor = this.db,
  ): Promise<RegisteredAsset[]> {
    return this.registered(tx, 'tenant_id = $1 and ($2::text[] is null or id = any($2::text[]))', [
      tenantId,
      ids ? [...ids] : null,
    ]);
  }

  /** The registered assets among `ids` (any tenant: callers pass ids they already scoped), by id. */
  async byIds(ids: readonly string[], tx: SqlExecutor = this.db): Promise<RegisteredAsset[]> {
    if (ids.length === 0) return [];
    return this.registered(tx, 'id = any($1::text[])', [[...ids]]);
  }

  private async registered(
    tx: SqlExecutor,
    where: string,
    params: unknown[],
  ): Promise<RegisteredAsset[]> {
    const rows = await tx.query<{
      id: string;
      tenant_id: string;
      type: string;
      registered_us: string | number;
    }>(
      `select id, tenant_id, type, (extract(epoch from created_at) * 1000000)::bigint as registered_us
       from assets where ${where} order by id`,
      params as string[],
    );
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      type: r.type,
      registeredAtUs: Number(r.registered_us),
    }));
  }
}
