import type { MigrationPart } from '@hourglass/platform-sql';

/** Warning policy per asset type: when scores raise a preventive-replacement task. */
export const warningPoliciesSchema: MigrationPart = {
  version: 3,
  name: 'warning-policies',
  owner: 'maintenance-tasks',
  sql: `
create table warning_policies (
  asset_type text primary key,
  threshold double precision not null check (threshold >= 0 and threshold <= 1),
  horizon integer not null check (horizon > 0),
  consecutive integer not null check (consecutive >= 1),
  component text not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);
`,
};
