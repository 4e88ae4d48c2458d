import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The case library (issue 15): one case per completed order with a failure report (its codes split
 * into problem / cause / remedy, parts, labour, the order's note and the telemetry pattern of the
 * window before the order was raised), and the suggestion stored with each order it was made for.
 * Order facts are copied: a case outlives the telemetry it was summarised from.
 */
export const caseLibrarySchema: MigrationPart = {
  version: 51,
  name: 'case-library',
  owner: 'service-cases',
  sql: `
create table service_cases (
  id bigserial primary key,
  order_id text not null unique references tasks(id),
  tenant_id text not null,
  asset_id text not null,
  asset_type text not null,
  component text not null,
  failure_code text not null,
  problem text not null,
  cause text,
  remedy text,
  outcome text not null,
  parts jsonb not null default '[]',
  labour_hours numeric(10, 2) not null,
  notes text,
  pattern jsonb not null default '[]',
  raised_at timestamptz not null,
  completed_at timestamptz not null
);
create index service_cases_kind on service_cases (asset_type, component, id desc);

create table service_case_suggestions (
  order_id text primary key references tasks(id),
  tenant_id text not null,
  suggestion jsonb not null,
  computed_at timestamptz not null
);
`,
};
