import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Calendar windows and category overrides can be withdrawn. They are marked, not deleted: finalised
 * billing runs list their ids among their inputs (and hashed them into their key), so a run stays
 * reproducible from what is stored. Rating reads only windows and overrides not withdrawn.
 * Contracts end by closing their last version (`contract_versions.effective_to`): no column needed.
 */
export const contractEndSchema: MigrationPart = {
  version: 8,
  name: 'contract-end',
  owner: 'billing-records',
  sql: `
alter table calendar_windows add column withdrawn_at timestamptz;
alter table calendar_windows add column withdrawn_by text;
alter table category_overrides add column withdrawn_at timestamptz;
alter table category_overrides add column withdrawn_by text;
`,
};
