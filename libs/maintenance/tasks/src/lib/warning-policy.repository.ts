import type { SqlDatabase } from '@hourglass/platform-sql';

/**
 * When risk raises a preventive-replacement task for one asset type: a score counts when the
 * probability of failure within `horizon` cycles reaches `threshold`, and a task is raised after
 * `consecutive` such scores in a row (the hysteresis: one score below resets the count).
 */
export interface WarningPolicy {
  assetType: string;
  /** Probability of failure within the horizon at or above which a score counts, in [0, 1]. */
  threshold: number;
  /** Cycles ahead the probability looks. */
  horizon: number;
  /** K: scores at or above the threshold among the last `window` before a task is raised. */
  consecutive: number;
  /** Component the task replaces. */
  component: string;
  /** N: how many of the latest scores count (default `consecutive`: K in a row). */
  window?: number;
  /** Hysteresis: after a model order, none again until the risk went below this (default `threshold`). */
  clearThreshold?: number;
  /** Hours after an order of the asset and component closed before the model raises another (default 0). */
  cooldownHours?: number;
}

/** A policy as stored, with who set it when. */
export interface StoredWarningPolicy extends WarningPolicy {
  updatedBy: string;
  updatedAt: string;
}

const toPolicy = (r: Record<string, unknown>): StoredWarningPolicy => ({
  assetType: String(r['asset_type']),
  threshold: Number(r['threshold']),
  horizon: Number(r['horizon']),
  consecutive: Number(r['consecutive']),
  component: String(r['component']),
  ...(r['window_size'] === null || r['window_size'] === undefined
    ? {}
    : { window: Number(r['window_size']) }),
  ...(r['clear_threshold'] === null || r['clear_threshold'] === undefined
    ? {}
    : { clearThreshold: Number(r['clear_threshold']) }),
  ...(Number(r['cooldown_hours'] ?? 0) > 0 ? { cooldownHours: Number(r['cooldown_hours']) } : {}),
  updatedBy: String(r['updated_by']),
  updatedAt: new Date(r['updated_at'] as Date).toISOString(),
});

/** Warning policies per asset type in the relational store (provider-wide settings). */
export class WarningPolicyRepository {
  constructor(private readonly db: SqlDatabase) {}

  async list(): Promise<StoredWarningPolicy[]> {
    return (
      await this.db.query<Record<string, unknown>>(
        'select * from warning_policies order by asset_type',
      )
    ).map(toPolicy);
  }

  async get(assetType: string): Promise<StoredWarningPolicy | null> {
    const rows = await this.db.query<Record<string, unknown>>(
      'select * from warning_policies where asset_type = $1',
      [assetType],
    );
    return rows[0] ? toPolicy(rows[0]) : null;
  }

  /** Creates or replaces the policy of `policy.assetType`. */
  async put(policy: WarningPolicy, actor: string): Promise<StoredWarningPolicy> {
    const rows = await this.db.query<Record<string, unknown>>(
      `insert into warning_policies (asset_type, threshold, horizon, consecutive, component, updated_by, updated_at, window_size, clear_threshold, cooldown_hours)
       values ($1, $2, $3, $4, $5, $6, now(), $7, $8, $9)
       on conflict (asset_type) do update set threshold = excluded.threshold, horizon = excluded.horizon,
         consecutive = excluded.consecutive, component = excluded.component, window_size = excluded.window_size,
         clear_threshold = excluded.clear_threshold, cooldown_hours = excluded.cooldown_hours,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       returning *`,
      [
        policy.assetType,
        policy.threshold,
        policy.horizon,
        policy.consecutive,
        policy.component,
        actor,
        policy.window ?? null,
        policy.clearThreshold ?? null,
        policy.cooldownHours ?? 0,
      ],
    );
    return toPolicy(rows[0]);
  }

  /** Removes a type's policy (the defaults apply again); false when there was none. */
  async delete(assetType: string): Promise<boolean> {
    return (
      (
        await this.db.query(
          'delete from warning_policies where asset_type = $1 returning asset_type',
          [assetType],
        )
      ).length > 0
    );
  }
}
