import type { SqlDatabase } from '@hourglass/platform-sql';

/** Tasks of the given assets (count and last update) and the warning policies, in one statement. */
const LAST_CHANGE = `select concat_ws('|',
    (select count(*)::text || '@' || coalesce(max(updated_at)::text, '') from tasks where asset_id = any($1::text[])),
    (select count(*)::text || '@' || coalesce(max(updated_at)::text, '') from warning_policies)
  ) as key`;

/** Tells whether maintenance's data about some assets changed (for caches of what is computed from it). */
export class MaintenanceChangeQuery {
  constructor(private readonly db: SqlDatabase) {}

  /** A text that differs whenever a task of `assetIds` or any warning policy was added, changed or removed; equal texts: nothing changed. */
  async lastChange(assetIds: readonly string[]): Promise<string> {
    const [row] = await this.db.query<{ key: string }>(LAST_CHANGE, [assetIds as string[]]);
    return row?.key ?? '';
  }
}
