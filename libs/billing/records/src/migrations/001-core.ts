import type { MigrationPart } from '@hourglass/platform-sql';

/** State events, contracts with the assets they cover, and billing records. */
export const coreSchema: MigrationPart = {
  version: 1,
  name: 'core',
  owner: 'billing-records',
  sql: `
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
`,
};
