import { ContractAvailabilityQuery } from '@hourglass/billing-records';
import type { ContractImpactPort } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';

/** How near its target a contract's availability makes its assets urgent (fraction; default 0.01 = one percentage point). */
export const DEFAULT_CONTRACT_IMPACT_MARGIN = '0.01';

/**
 * The tasks lib's {@link ContractImpactPort} on billing's exported API: an asset is urgent when a
 * contract covering it now has a latest billing run whose availability is under its target plus
 * `margin`. One statement per call, and the scoring round calls it once with all its candidates.
 */
export function billingContractImpact(
  db: SqlDatabase,
  margin = DEFAULT_CONTRACT_IMPACT_MARGIN,
  now: () => Date = () => new Date(),
): ContractImpactPort {
  const query = new ContractAvailabilityQuery(db);
  return { nearAvailabilityTarget: (assetIds) => query.assetsNearTarget(assetIds, margin, now()) };
}
