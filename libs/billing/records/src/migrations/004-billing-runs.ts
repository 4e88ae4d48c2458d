import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Uptime billing runs (uptime-billing spec §1, §6): effective-dated contract versions, an audit of
 * every contract change, approved calendar windows, category overrides, and the billing runs with
 * their interval tables. Contracts that exist already get version 1 from their header (partial
 * terms: the readers fill in the spec's defaults).
 */
export const billingRunsSchema: MigrationPart = {
  version: 4,
  name: 'billing-runs',
  owner: 'billing-records',
  sql: `
create table contract_versions (
  contract_id text not null references contracts(id),
  version integer not null check (version >= 1),
  tenant_id text not null,
  effective_from timestamptz not null,
  effective_to timestamptz,
  terms jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (contract_id, version),
  check (effective_to is null or effective_to > effective_from)
);

insert into contract_versions (contract_id, version, tenant_id, effective_from, terms, created_by, created_at)
select id, 1, tenant_id, timestamptz '1970-01-01 00:00:00+00',
       jsonb_build_object('tz', tz, 'currency', currency, 'ratePerHour', rate_per_hour::text,
                          'slaTarget', sla_target::text, 'heartbeatTimeoutSeconds', heartbeat_timeout_seconds),
       'migration:004', created_at
from contracts;

create table contract_audit (
  id bigserial primary key,
  contract_id text not null,
  tenant_id text not null,
  actor text not null,
  action text not null,
  detail jsonb not null default '{}'::jsonb,
  at timestamptz not null default now()
);
create index contract_audit_contract on contract_audit (contract_id, id desc);

create table calendar_windows (
  id text primary key,
  contract_id text not null references contracts(id),
  tenant_id text not null,
  asset_id text references assets(id),
  kind text not null check (kind in ('PLANNED_MAINT', 'FORCE_MAJEURE', 'CUSTOMER_STOP', 'SUSPENDED')),
  start_at timestamptz not null,
  end_at timestamptz not null,
  actual_end_at timestamptz,
  announced_at timestamptz not null,
  approved_by text not null,
  approved_at timestamptz not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  check (end_at > start_at)
);
create index calendar_windows_contract on calendar_windows (contract_id, start_at);

create table category_overrides (
  id text primary key,
  contract_id text not null references contracts(id),
  tenant_id text not null,
  asset_id text not null references assets(id),
  start_at timestamptz not null,
  end_at timestamptz not null,
  category text not null,
  reason text not null,
  author text not null,
  created_at timestamptz not null default now(),
  check (end_at > start_at)
);
create index category_overrides_contract on category_overrides (contract_id, start_at);

create table billing_runs (
  contract_id text not null references contracts(id),
  tenant_id text not null,
  period text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
  revision integer not null check (revision >= 1),
  input_key text not null,
  status text not null check (status in ('DRAFT', 'FINALIZED', 'SUPERSEDED', 'CLOSED_LATE')),
  period_start timestamptz not null,
  period_end timestamptz not null,
  algorithm text not null,
  figures jsonb not null,
  lines jsonb not null,
  total numeric(18, 4) not null,
  currency text not null,
  billable_hours numeric(18, 6) not null,
  review jsonb not null,
  adjustment jsonb,
  inputs jsonb not null,
  changes text,
  cutoff_at timestamptz not null,
  computed_at timestamptz not null default now(),
  finalized_at timestamptz,
  primary key (contract_id, period, revision)
);
create index billing_runs_tenant on billing_runs (tenant_id, contract_id, period);

create table billing_run_intervals (
  contract_id text not null,
  period text not null,
  revision integer not null,
  asset_id text not null,
  start_at timestamptz not null,
  end_at timestamptz not null,
  category text not null,
  base_state text not null,
  version integer not null,
  cause text,
  primary key (contract_id, period, revision, asset_id, start_at),
  foreign key (contract_id, period, revision) references billing_runs (contract_id, period, revision) on delete cascade
);

-- A billing round asks whether anything arrived since a run's cutoff without scanning the month.
create index state_events_received on state_events (received_at);
`,
};
