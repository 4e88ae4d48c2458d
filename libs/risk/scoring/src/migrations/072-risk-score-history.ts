import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Score history (issue 16, risk and RUL over time): at most one row per asset and hour, the hour's
 * latest score, written by the same statement that upserts `risk_scores`. A row per scoring round
 * would be hundreds per asset and hour at fleet scale. `hour` is the UTC hour the score was taken
 * in, computed from the epoch so the session time zone cannot shift it. Seeded with each asset's
 * current score so a chart has a first point right after the upgrade.
 */
export const riskScoreHistorySchema: MigrationPart = {
  version: 72,
  name: 'risk-score-history',
  owner: 'risk-scoring',
  sql: `
create table risk_score_history (
  asset_id text not null references assets(id),
  hour timestamptz not null,
  tenant_id text not null,
  probability double precision not null,
  rul double precision not null,
  model_version text not null,
  scored_at timestamptz not null,
  primary key (asset_id, hour)
);

insert into risk_score_history (asset_id, hour, tenant_id, probability, rul, model_version, scored_at)
select asset_id, to_timestamp(floor(extract(epoch from scored_at) / 3600) * 3600), tenant_id,
  probability, rul, model_version, scored_at
from risk_scores;
`,
};
