import type { Scope } from '@hourglass/platform-tenancy';
import type { CoverageInterval } from './contract.repository';

/** An asset's latest failure risk with the warning threshold that applies to its type. */
export interface CoveredAssetRisk {
  assetId: string;
  type: string;
  probability: number;
  rul: number;
  threshold: number;
}

/** Risk scores, from the risk domain (billing may not read them itself); the composition root passes an adapter. */
export interface AssetRiskPort {
  /**
   * The assets among `assetIds` whose latest probability is at or above the warning threshold of
   * their type (`defaultThreshold` for a type without a warning policy), most likely first (then by
   * id), at most `limit`.
   */
  atRisk(
    assetIds: readonly string[],
    defaultThreshold: number,
    limit: number,
  ): Promise<CoveredAssetRisk[]>;
}

/** Which completed tasks count for a contract: every asset of its tenant (a fleet contract), or its coverage intervals. */
export type TaskCostCoverage = { tenantId: string } | { windows: readonly CoverageInterval[] };

/** Task costs, from the maintenance domain; the composition root passes an adapter (`TaskRepository` fits). */
export interface TaskCostPort {
  /**
   * Cost (decimal string) and count of the tasks DONE with their completion in `[fromIso, toIso]`,
   * in `scope`, whose asset was covered at completion.
   */
  completedCosts(
    scope: Scope,
    fromIso: string,
    toIso: string,
    covered: TaskCostCoverage,
  ): Promise<{ cost: string; count: number }>;
}
