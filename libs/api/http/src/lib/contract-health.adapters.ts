import type { AssetRiskPort, TaskCostPort } from '@hourglass/billing-records';
import { AssetRepository } from '@hourglass/devices-registry';
import { TaskRepository, WarningPolicyRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { RiskScoreRepository } from '@hourglass/risk-scoring';

/**
 * Billing's contract-health ports built on the owners' APIs: risk scores from `risk/scoring` with the
 * warning thresholds of `maintenance/tasks` (read per call, so a policy change applies at once), and
 * completed-task costs from `maintenance/tasks`. Pass to `new ContractHealthService({stores, billing, ...})`.
 */
export function contractHealthAdapters(db: SqlDatabase): {
  risk: AssetRiskPort;
  taskCosts: TaskCostPort;
} {
  const scores = new RiskScoreRepository(db, new AssetRepository(db));
  const policies = new WarningPolicyRepository(db);
  return {
    risk: {
      atRisk: async (assetIds, defaultThreshold, limit) => {
        const byType = new Map((await policies.list()).map((p) => [p.assetType, p.threshold]));
        return scores.atOrAboveThreshold(assetIds, { byType, fallback: defaultThreshold }, limit);
      },
    },
    taskCosts: new TaskRepository(db),
  };
}
