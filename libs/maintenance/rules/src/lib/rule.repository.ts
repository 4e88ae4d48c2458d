import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import type {
  MaintenanceRule,
  MaintenanceRulePatch,
  NewMaintenanceRule,
  RuleKind,
  RuleOperator,
  RulePriority,
} from './rule';

type RuleRow = Record<string, unknown>;

const toRule = (r: RuleRow): MaintenanceRule => ({
  id: String(r.id),
  tenantId: (r.tenant_id as string | null) ?? null,
  assetType: String(r.asset_type),
  name: String(r.name),
  condition: {
    kind: r.kind as RuleKind,
    metric: String(r.metric),
    operator: r.operator as RuleOperator,
    limit: Number(r.limit_value),
    forSeconds: Number(r.for_seconds),
    clearMargin: Number(r.clear_margin),
    clearForSeconds: Number(r.clear_for_seconds),
  },
  component: String(r.component),
  priority: r.priority as RulePriority,
  enabled: Boolean(r.enabled),
  createdBy: String(r.created_by),
  createdAt: new Date(r.created_at as Date).toISOString(),
  updatedAt: new Date(r.updated_at as Date).toISOString(),
});

const columnsOf = (r: NewMaintenanceRule): SqlValue[] => [
  r.tenantId,
  r.assetType,
  r.name,
  r.condition.kind,
  r.condition.metric,
  r.condition.operator,
  r.condition.limit,
  r.condition.forSeconds,
  r.condition.clearMargin,
  r.condition.clearForSeconds,
  r.component,
  r.priority,
  r.enabled,
];

/**
 * Rules in a scope: a tenant sees its own rules and those of every tenant (tenant null); the
 * provider sees all.
 */
const visible = (scope: Scope, params: SqlValue[]) =>
  `(tenant_id is null or ${scopeCondition(scope, 'tenant_id', params)})`;

/** Rule conditions in the relational store (`maintenance_rules`). */
export class RuleRepository {
  constructor(private readonly db: SqlDatabase) {}

  async create(rule: NewMaintenanceRule, actor: string): Promise<MaintenanceRule> {
    const rows = await this.db.query<RuleRow>(
      `insert into maintenance_rules (id, tenant_id, asset_type, name, kind, metric, operator, limit_value, for_seconds,
         clear_margin, clear_for_seconds, component, priority, enabled, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning *`,
      [randomUUID(), ...columnsOf(rule), actor],
    );
    return toRule(rows[0]);
  }

  async list(
    scope: Scope,
    filter: { assetType?: string; enabled?: boolean } = {},
  ): Promise<MaintenanceRule[]> {
    const params: SqlValue[] = [filter.assetType ?? null, filter.enabled ?? null];
    const rows = await this.db.query<RuleRow>(
      `select * from maintenance_rules where ${visible(scope, params)}
         and ($1::text is null or asset_type = $1) and ($2::boolean is null or enabled = $2)
       order by created_at, id`,
      params,
    );
    return rows.map(toRule);
  }

  async get(scope: Scope, id: string): Promise<MaintenanceRule | null> {
    const params: SqlValue[] = [id];
    const rows = await this.db.query<RuleRow>(
      `select * from maintenance_rules where id = $1 and ${visible(scope, params)}`,
      params,
    );
    return rows[0] ? toRule(rows[0]) : null;
  }

  /** Replaces every field of a rule but its id, author and creation time; null when not in scope. */
  async update(
    scope: Scope,
    id: string,
    patch: MaintenanceRulePatch,
  ): Promise<MaintenanceRule | null> {
    const current = await this.get(scope, id);
    if (!current) return null;
    const next: NewMaintenanceRule = {
      ...current,
      ...patch,
      condition: { ...current.condition, ...patch.condition },
    };
    const params: SqlValue[] = [id, ...columnsOf(next)];
    const rows = await this.db.query<RuleRow>(
      `update maintenance_rules set tenant_id = $2, asset_type = $3, name = $4, kind = $5, metric = $6, operator = $7,
         limit_value = $8, for_seconds = $9, clear_margin = $10, clear_for_seconds = $11, component = $12, priority = $13,
         enabled = $14, updated_at = now()
       where id = $1 and ${visible(scope, params)} returning *`,
      params,
    );
    return rows[0] ? toRule(rows[0]) : null;
  }

  /** Deletes a rule with its states and firings; false when not in scope. */
  async delete(scope: Scope, id: string): Promise<boolean> {
    const params: SqlValue[] = [id];
    const rows = await this.db.query(
      `delete from maintenance_rules where id = $1 and ${visible(scope, params)} returning id`,
      params,
    );
    return rows.length > 0;
  }
}
