import type { MigrationPart } from '@hourglass/platform-sql';

/** Rule conditions per asset type, where each stands on each asset, and what they fired. */
export const maintenanceRulesSchema: MigrationPart = {
  version: 30,
  name: 'maintenance-rules',
  owner: 'maintenance-rules',
  sql: `
create table maintenance_rules (
  id text primary key,
  tenant_id text references tenants(id),
  asset_type text not null,
  name text not null,
  kind text not null check (kind in ('THRESHOLD', 'HEALTH_INDEX')),
  metric text not null,
  operator text not null check (operator in ('ABOVE', 'BELOW')),
  limit_value double precision not null,
  for_seconds integer not null check (for_seconds >= 0),
  clear_margin double precision not null check (clear_margin >= 0),
  clear_for_seconds integer not null check (clear_for_seconds >= 0),
  component text not null,
  priority text not null check (priority in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  enabled boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index maintenance_rules_type on maintenance_rules (asset_type);
-- The evaluation round's place per rule and asset: the hysteresis state and how far it has read.
create table maintenance_rule_states (
  rule_id text not null references maintenance_rules(id) on delete cascade,
  asset_id text not null,
  armed boolean not null,
  breach_since timestamptz,
  clear_since timestamptz,
  evaluated_to timestamptz not null,
  updated_at timestamptz not null default now(),
  primary key (rule_id, asset_id)
);
create table maintenance_rule_firings (
  rule_id text not null references maintenance_rules(id) on delete cascade,
  asset_id text not null,
  fired_at timestamptz not null,
  value double precision not null,
  order_id text,
  order_created boolean not null,
  primary key (rule_id, asset_id, fired_at)
);
`,
};
