import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Model deployment: which registry version scores (`active`) and which scores in shadow beside it
 * (`shadow`), an append-only audit of every change, and the shadow scores, kept apart from
 * `risk_scores` so that nothing reading the live score (assets, tasks) can pick one up.
 */
export const modelDeploymentsSchema: MigrationPart = {
  version: 2,
  name: 'model-deployments',
  owner: 'risk-scoring',
  sql: `
create table model_deployments (
  slot text primary key check (slot in ('active', 'shadow')),
  name text not null,
  version text not null,
  changed_by text not null,
  changed_at timestamptz not null default now()
);

create table model_deployment_audit (
  id bigserial primary key,
  action text not null check (action in ('PROMOTE', 'ROLLBACK', 'SHADOW', 'UNSHADOW')),
  slot text not null check (slot in ('active', 'shadow')),
  from_name text,
  from_version text,
  to_name text,
  to_version text,
  actor text not null,
  at timestamptz not null default now()
);
create index model_deployment_audit_slot on model_deployment_audit (slot, id desc);

create table shadow_risk_scores (
  asset_id text not null references assets(id),
  model_version text not null,
  tenant_id text not null,
  probability double precision not null,
  horizon integer not null,
  rul double precision not null,
  scored_at timestamptz not null,
  window_end timestamptz not null,
  primary key (asset_id, model_version)
);
`,
};
