import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ScoredAsset } from '@hourglass/risk-scoring';
import type { Task, TaskPriority, TaskRepository } from './task.repository';
import type { WarningPolicyLookup } from './warning-policies';

/** Raises preventive-replacement tasks from scores, and closes them when the unit is replaced. */
export class ReplacementTaskService {
  private readonly raised;

  constructor(
    private readonly tasks: TaskRepository,
    metrics: MetricsRegistry,
  ) {
    this.raised = metrics.counter('hg_tasks_raised_total', 'preventive-replacement tasks raised', [
      'priority',
    ]);
  }

  /**
   * Acts on one scoring round under each asset type's warning policy: a task once an asset's
   * scores stayed at or above the policy's threshold for `consecutive` rounds (the scores carry
   * that count, computed against the same threshold when stored). Returns the tasks raised.
   */
  async onScores(scored: readonly ScoredAsset[], policies: WarningPolicyLookup): Promise<Task[]> {
    const raised: Task[] = [];
    for (const s of scored) {
      if (s.installedAt !== undefined) {
        await this.tasks.closeOpenBefore(s.assetId, new Date(s.installedAt), 'UNIT_REPLACED');
      }
      const policy = policies(s.assetType);
      if (s.consecutiveAbove < policy.consecutive) continue;
      const task = await this.tasks.openIfNone({
        tenantId: s.tenantId,
        assetId: s.assetId,
        component: policy.component,
        priority: priorityFor(s.rul, s.horizon),
        predictedRul: s.rul,
        risk: s.probability,
        modelVersion: s.modelVersion,
        replaceBy: new Date(s.lastTs + Math.max(0, s.rul) * s.msPerCycle),
      });
      if (task) {
        this.raised.inc({ priority: task.priority });
        raised.push(task);
      }
    }
    return raised;
  }
}

/** Priority from the predicted remaining life relative to the warning horizon. */
export function priorityFor(rul: number, horizon: number): TaskPriority {
  if (rul <= horizon / 3) return 'CRITICAL';
  if (rul <= (2 * horizon) / 3) return 'HIGH';
  if (rul <= horizon) return 'MEDIUM';
  return 'LOW';
}
