import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';

/** When a provisioned asset was really registered and last heard from (epoch ms), from its history. */
export interface AssetHistory {
  assetId: string;
  registeredAt: number;
  /** Null: never heard from. */
  lastSeen: number | null;
}

/**
 * Dates provisioned assets back to their real registration and last message: what an imported
 * history (the demo's seeded year, a provider moving from another system) needs, since provisioning
 * stamps both with the present. Any tenant: callers pass ids they provisioned.
 */
export class AssetHistoryImport {
  constructor(private readonly db: SqlDatabase) {}

  async backdate(assets: readonly AssetHistory[]): Promise<void> {
    if (assets.length === 0) return;
    await this.db.query(
      `update assets set created_at = u.registered, last_seen = u.seen
       from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as u(id, registered, seen)
       where assets.id = u.id`,
      [
        assets.map((a) => a.assetId),
        assets.map((a) => new Date(a.registeredAt).toISOString()),
        assets.map((a) => (a.lastSeen === null ? null : new Date(a.lastSeen).toISOString())),
      ] as SqlValue[],
    );
  }
}
