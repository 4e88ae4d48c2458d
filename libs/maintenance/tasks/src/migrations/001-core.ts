import type { MigrationPart } from '@hourglass/platform-sql';

/** Preventive-replacement tasks: exactly one open per asset and component. */
export const coreSchema: MigrationPart = {
  version: 1,
  name: 'core',
  owner: 'maintenance-tasks',
  sql: `
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
`,
};
