import type { MigrationPart } from '@hourglass/platform-sql';

/** The live risk score of each asset. */
export const coreSchema: MigrationPart = {
  version: 1,
  name: 'core',
  owner: 'risk-scoring',
  sql: `
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
`,
};
