import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Effective-dated coverage: a contract covers an asset over `[covered_from, covered_to)` (open-ended
 * while `covered_to` is null), so an asset can be added mid-term, removed, and covered again later
 * (the primary key includes `covered_from`). Rows stored before take the contract's first version's
 * `effective_from` (the contract's creation when it has none). The service refuses overlapping
 * intervals of one asset on one contract; the partial unique index at least holds one open interval.
 */
export const contractCoverageSchema: MigrationPart = {
  version: 9,
  name: 'contract-coverage',
  owner: 'billing-records',
  sql: `
alter table contract_assets add column covered_from timestamptz;
alter table contract_assets add column covered_to timestamptz;
update contract_assets ca set covered_from = coalesce(
  (select min(v.effective_from) from contract_versions v where v.contract_id = ca.contract_id),
  (select c.created_at from contracts c where c.id = ca.contract_id));
alter table contract_assets alter column covered_from set not null;
alter table contract_assets drop constraint contract_assets_pkey;
alter table contract_assets add primary key (contract_id, asset_id, covered_from);
alter table contract_assets add constraint contract_assets_interval check (covered_to is null or covered_to > covered_from);
create unique index contract_assets_open on contract_assets (contract_id, asset_id) where covered_to is null;
`,
};
