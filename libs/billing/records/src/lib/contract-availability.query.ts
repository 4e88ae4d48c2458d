import type { SqlDatabase } from '@hourglass/platform-sql';

/**
 * Contracts' availability against their target, for other domains' ports (maintenance's contract
 * impact, through the composition root): one statement for any number of assets.
 */
export class ContractAvailabilityQuery {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * The assets among `assetIds` covered at `at` by a contract whose latest billing run (its newest
   * period's newest revision that is not superseded) has an availability under the contract's
   * target plus `margin` (a fraction, e.g. `'0.01'`: within one percentage point, or under it).
   * Contracts without a run yet name no asset.
   */
  async assetsNearTarget(
    assetIds: readonly string[],
    margin: string,
    at: Date,
  ): Promise<Set<string>> {
    if (assetIds.length === 0) return new Set();
    const rows = await this.db.query<{ asset_id: string }>(
      `with latest as (
         select distinct on (contract_id) contract_id, (figures->>'availability')::numeric as availability
         from billing_runs where status <> 'SUPERSEDED' order by contract_id, period desc, revision desc)
       select distinct ca.asset_id from contract_assets ca
         join contracts c on c.id = ca.contract_id
         join latest l on l.contract_id = ca.contract_id
       where ca.asset_id = any($1::text[]) and ca.covered_from <= $3 and (ca.covered_to is null or ca.covered_to > $3)
         and l.availability < c.sla_target + $2::numeric`,
      [[...assetIds], margin, at],
    );
    return new Set(rows.map((r) => r.asset_id));
  }
}
