import type { Migration } from '../lib/migration';

/** Tenants, devices and assets, risk scores, tasks, contracts, billing and dead letters. */
export const coreSchema: Migration = {
  version: 1,
  name: 'core',
  sql: `
create table tenants (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table devices (
  id text primary key,
  tenant_id text not null references tenants(id),
  type text not null,
  username text not null unique,
  password_hash text not null,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table assets (
  id text primary key,
  tenant_id text not null references tenants(id),
  device_id text not null references devices(id),
  type text not null,
  state text,
  last_seen timestamptz,
  installed_at timestamptz,
  created_at timestamptz not null default now()
);
create index assets_tenant on assets (tenant_id);

create table state_events (
  asset_id text not null references assets(id),
  tenant_id text not null,
  observed_at timestamptz not null,
  kind text not null check (kind in ('STATE', 'HEARTBEAT')),
  state text not null,
  seq bigint,
  received_at timestamptz not null default now(),
  primary key (asset_id, observed_at, kind)
);

create table risk_scores (
  asset_id text primary key references assets(id),
  tenant_id text not null,
  probability double precision not null,
  horizon integer not null,
  rul double precision not null,
  model_version text not null,
  scored_at timestamptz not null,
  window_end timestamptz not null,
  consecutive_above integer not null default 0
);

create table tasks (
  id text primary key,
  tenant_id text not null,
  asset_id text not null references assets(id),
  component text not null,
  status text not null check (status in ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
  priority text not null check (priority in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
  predicted_rul double precision not null,
  risk double precision not null,
  model_version text not null,
  replace_by timestamptz not null,
  outcome text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Exactly one open task per asset and component, whatever races the scorers run into.
create unique index tasks_one_open on tasks (asset_id, component) where status in ('OPEN', 'IN_PROGRESS');
create index tasks_tenant on tasks (tenant_id, status);

create table contracts (
  id text primary key,
  tenant_id text not null references tenants(id),
  name text not null,
  currency text not null,
  rate_per_hour numeric(18, 4) not null,
  sla_target numeric(9, 6) not null,
  tz text not null,
  heartbeat_timeout_seconds integer not null default 900,
  -- A fleet contract covers every asset of its tenant, present and future.
  fleet boolean not null default false,
  created_at timestamptz not null default now()
);

create table contract_assets (
  contract_id text not null references contracts(id),
  asset_id text not null references assets(id),
  primary key (contract_id, asset_id)
);

create table billing_records (
  contract_id text not null references contracts(id),
  tenant_id text not null,
  asset_id text not null references assets(id),
  period_start timestamptz not null,
  period_end timestamptz not null,
  run_seconds double precision not null,
  fault_seconds double precision not null,
  unknown_seconds double precision not null,
  operating_hours numeric(18, 4) not null,
  charge numeric(18, 2) not null,
  currency text not null,
  computed_at timestamptz not null,
  primary key (contract_id, asset_id, period_start)
);

create table dead_letters (
  id bigserial primary key,
  device_id text,
  topic text not null,
  reason text not null,
  detail text not null,
  payload text not null,
  received_at timestamptz not null default now()
);
create index dead_letters_received on dead_letters (received_at desc);
`,
};
