import { DEFAULT_RISK_THRESHOLD } from '@hourglass/risk-scoring';
import type { WarningPolicy, WarningPolicyRepository } from './warning-policy.repository';

/** What applies to an asset type without a stored policy. */
export interface WarningDefaults {
  /** HG_RISK_THRESHOLD (default 0.5). */
  threshold: number;
  /** HG_RISK_CONSECUTIVE (default 3). */
  consecutive: number;
  /** Component replaced, per asset type (default `hpc-module` for turbofans, else `unit`). */
  componentByType: Record<string, string>;
}

export const DEFAULT_WARNING_DEFAULTS: WarningDefaults = {
  threshold: DEFAULT_RISK_THRESHOLD,
  consecutive: 3,
  componentByType: { turbofan: 'hpc-module' },
};

/** The policy of every asset type for one round: stored ones, else the defaults. */
export type WarningPolicyLookup = (assetType: string) => WarningPolicy;

/**
 * Resolves warning policies: a stored policy for the asset type, else the defaults with the
 * model's horizon. {@link load} reads the table once, so a round sees one consistent set and a
 * change made through the API applies from the next round on.
 */
export class WarningPolicies {
  private readonly defaults: WarningDefaults;

  constructor(
    private readonly repository: WarningPolicyRepository,
    defaults: Partial<WarningDefaults> = {},
  ) {
    this.defaults = { ...DEFAULT_WARNING_DEFAULTS, ...defaults };
  }

  /** The defaults of a type without a stored policy, given the active model's horizon. */
  fallback(assetType: string, modelHorizon: number): WarningPolicy {
    return {
      assetType,
      threshold: this.defaults.threshold,
      horizon: modelHorizon,
      consecutive: this.defaults.consecutive,
      component: this.defaults.componentByType[assetType] ?? 'unit',
    };
  }

  /** Reads the stored policies; the lookup answers every type. */
  async load(modelHorizon: number): Promise<WarningPolicyLookup> {
    const stored = new Map((await this.repository.list()).map((p) => [p.assetType, p]));
    return (assetType) => stored.get(assetType) ?? this.fallback(assetType, modelHorizon);
  }
}
