import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import type {
  MaintenancePlan,
  MaintenancePlanPatch,
  NewMaintenancePlan,
  PlanPriority,
} from './maintenance-plan';

type PlanRow = Record<string, unknown>;
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

const toPlan = (r: PlanRow): MaintenancePlan => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  name: String(r.name),
  target: r.asset_id ? { assetId: String(r.asset_id) } : { assetType: String(r.asset_type) },
  component: String(r.component),
  intervalDays: num(r.interval_days),
  intervalHours: num(r.interval_hours),
  leadDays: Number(r.lead_days),
  reminderDays: String(r.reminder_days).split(',').filter(Boolean).map(Number),
  timeZone: String(r.time_zone),
  priority: r.priority as PlanPriority,
  startsAt: new Date(r.starts_at as Date).toISOString(),
  enabled: Boolean(r.enabled),
  createdBy: String(r.created_by),
  createdAt: new Date(r.created_at as Date).toISOString(),
  updatedAt: new Date(r.updated_at as Date).toISOString(),
});

/** The columns a change may set, in `update`'s parameter order ($2...). */
const settable = (p: Omit<NewMaintenancePlan, 'tenantId' | 'target'>): SqlValue[] => [
  p.name,
  p.component,
  p.intervalDays,
  p.intervalHours,
  p.leadDays,
  p.reminderDays.join(','),
  p.timeZone,
  p.priority,
  new Date(p.startsAt),
  p.enabled,
];

/** Maintenance plans (`maintenance_plans`), each in one tenant. */
export class MaintenancePlanRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** The new plan, or null when its tenant does not exist. */
  async create(plan: NewMaintenancePlan, actor: string): Promise<MaintenancePlan | null> {
    const rows = await this.db
      .query<PlanRow>(
        `insert into maintenance_plans (id, name, component, interval_days, interval_hours, lead_days, reminder_days, time_zone,
         priority, starts_at, enabled, tenant_id, asset_type, asset_id, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning *`,
        [
          randomUUID(),
          ...settable(plan),
          plan.tenantId,
          plan.target.assetType ?? null,
          plan.target.assetId ?? null,
          actor,
        ],
      )
      .catch((error: { code?: string }) => {
        // 23503: foreign_key_violation, the only reference being the tenant.
        if (error.code === '23503') return [];
        throw error;
      });
    return rows[0] ? toPlan(rows[0]) : null;
  }

  async list(
    scope: Scope,
    filter: { enabled?: boolean; assetId?: string } = {},
  ): Promise<MaintenancePlan[]> {
    const params: SqlValue[] = [filter.enabled ?? null, filter.assetId ?? null];
    const rows = await this.db.query<PlanRow>(
      `select * from maintenance_plans where ${scopeCondition(scope, 'tenant_id', params)}
         and ($1::boolean is null or enabled = $1) and ($2::text is null or asset_id = $2)
       order by created_at, id`,
      params,
    );
    return rows.map(toPlan);
  }

  async get(scope: Scope, id: string): Promise<MaintenancePlan | null> {
    const params: SqlValue[] = [id];
    const rows = await this.db.query<PlanRow>(
      `select * from maintenance_plans where id = $1 and ${scopeCondition(scope, 'tenant_id', params)}`,
      params,
    );
    return rows[0] ? toPlan(rows[0]) : null;
  }

  /** Applies `patch`; null when the plan is not in scope. Cycles in progress keep their anchor. */
  async update(
    scope: Scope,
    id: string,
    patch: MaintenancePlanPatch,
  ): Promise<MaintenancePlan | null> {
    const current = await this.get(scope, id);
    if (!current) return null;
    const params: SqlValue[] = [id, ...settable({ ...current, ...patch })];
    const rows = await this.db.query<PlanRow>(
      `update maintenance_plans set name = $2, component = $3, interval_days = $4, interval_hours = $5, lead_days = $6,
         reminder_days = $7, time_zone = $8, priority = $9, starts_at = $10, enabled = $11, updated_at = now()
       where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning *`,
      params,
    );
    return rows[0] ? toPlan(rows[0]) : null;
  }

  /** Deletes a plan with its cycles and reminders (orders it raised stay); false when not in scope. */
  async delete(scope: Scope, id: string): Promise<boolean> {
    const params: SqlValue[] = [id];
    const rows = await this.db.query(
      `delete from maintenance_plans where id = $1 and ${scopeCondition(scope, 'tenant_id', params)} returning id`,
      params,
    );
    return rows.length > 0;
  }
}
