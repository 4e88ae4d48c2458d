import type { MigrationPart } from '@hourglass/platform-sql';

/** Maintenance plans, each asset's intervals under them, and the reminders sent (each once). */
export const maintenancePlansSchema: MigrationPart = {
  version: 31,
  name: 'maintenance-plans',
  owner: 'maintenance-plans',
  sql: `
create table maintenance_plans (
  id text primary key,
  tenant_id text not null references tenants(id),
  name text not null,
  asset_type text,
  asset_id text,
  component text not null,
  interval_days integer check (interval_days > 0),
  interval_hours double precision check (interval_hours > 0),
  lead_days integer not null check (lead_days >= 0),
  reminder_days text not null,
  time_zone text not null,
  priority text not null check (priority in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  starts_at timestamptz not null,
  enabled boolean not null default true,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((asset_type is null) <> (asset_id is null)),
  check (interval_days is not null or interval_hours is not null)
);
create index maintenance_plans_tenant on maintenance_plans (tenant_id);
-- One row per asset and interval ("cycle"): the due date projected each round, the order raised for
-- it, and when that order closed (the next cycle's anchor).
create table maintenance_plan_cycles (
  plan_id text not null references maintenance_plans(id) on delete cascade,
  asset_id text not null,
  cycle integer not null check (cycle >= 1),
  anchor_at timestamptz not null,
  due_date text,
  due_basis text check (due_basis in ('DAYS', 'HOURS')),
  hours_since_anchor double precision,
  hours_per_day double precision,
  projected_at timestamptz,
  order_id text,
  order_raised_at timestamptz,
  closed_at timestamptz,
  order_done boolean,
  primary key (plan_id, asset_id, cycle)
);
-- A reminder is claimed here before it is emitted: the primary key makes it go out once.
create table maintenance_plan_reminders (
  plan_id text not null,
  asset_id text not null,
  cycle integer not null,
  days_before integer not null,
  reminder_date text not null,
  due_date text not null,
  skipped boolean not null,
  recorded_at timestamptz not null,
  primary key (plan_id, asset_id, cycle, days_before),
  foreign key (plan_id, asset_id, cycle) references maintenance_plan_cycles (plan_id, asset_id, cycle) on delete cascade
);
`,
};
