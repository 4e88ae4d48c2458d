import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ScoredAsset } from '@hourglass/risk-scoring';
import type { Task, TaskPriority, TaskRepository } from './task.repository';

/** The warning policy: when risk has stayed high long enough, which task to raise. */
export interface WarningPolicy {
  /** Consecutive scores at or above the threshold before a task is raised (default 3). */
  consecutive: number;
  /** Component replaced by the task, per asset type (default `hpc-module` for turbofans). */
  componentByType: Record<string, string>;
}

export const DEFAULT_WARNING_POLICY: WarningPolicy = {
  consecutive: 3,
  componentByType: { turbofan: 'hpc-module' },
};

/** Raises preventive-replacement tasks from scores, and closes them when the unit is replaced. */
export class ReplacementTaskService {
  private readonly raised;

  constructor(
    private readonly tasks: TaskRepository,
    metrics: MetricsRegistry,
    private readonly policy: WarningPolicy = DEFAULT_WARNING_POLICY,
  ) {
    this.raised = metrics.counter('hg_tasks_raised_total', 'preventive-replacement tasks raised', ['priority']);
  }

  /** Acts on one scoring round; returns the tasks raised. */
  async onScores(scored: readonly ScoredAsset[], assetTypes: ReadonlyMap<string, string> = new Map()): Promise<Task[]> {
    const raised: Task[] = [];
    for (const s of scored) {
      if (s.installedAt !== undefined) {
        await this.tasks.closeOpenBefore(s.assetId, new Date(s.installedAt), 'UNIT_REPLACED');
      }
      if (s.consecutiveAbove < this.policy.consecutive) continue;
      const type = assetTypes.get(s.assetId) ?? 'turbofan';
      const task = await this.tasks.openIfNone({
        tenantId: s.tenantId,
        assetId: s.assetId,
        component: this.policy.componentByType[type] ?? 'unit',
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
