import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The provider's RFM segment rules as data (spec section 7): one row, `rules` a JSON array of
 * `{segment, when: {r?, f?, m?: {min?, max?}}}`, first match wins. No row: the spec's defaults.
 */
export const segmentRulesSchema: MigrationPart = {
  version: 61,
  name: 'segment-rules',
  owner: 'success-customer',
  sql: `
create table rfm_segment_rules (
  id text primary key check (id = 'provider'),
  rules jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);
`,
};
