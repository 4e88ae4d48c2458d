/**
 * Which assets an uptime contract makes urgent: covered by a contract whose availability is near
 * (or under) its target. Declared here, implemented by the composition root on billing's exported
 * API (maintenance may not import billing). Called once per scoring round with the assets that may
 * get an order (before their cooldowns are known), so an adapter should answer from one query or a
 * cache.
 */
export interface ContractImpactPort {
  nearAvailabilityTarget(assetIds: readonly string[]): Promise<ReadonlySet<string>>;
}

/** No contract makes any asset urgent (processes without billing, tests). */
export const NO_CONTRACT_IMPACT: ContractImpactPort = {
  nearAvailabilityTarget: async () => new Set(),
};
