import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ScoredAsset } from '@hourglass/risk-scoring';
import { NO_CONTRACT_IMPACT, type ContractImpactPort } from './contract-impact.port';
import type { PartUsed } from './failure-report';
import { RiskSignalTracker } from './risk-signal.tracker';
import {
  TASK_PRIORITIES,
  type NewTask,
  type Task,
  type TaskPriority,
  type TaskRepository,
} from './task.repository';
import type { WarningPolicyLookup } from './warning-policies';
import type { WarningPolicy } from './warning-policy.repository';
import { NO_WORK_ORDER_EVENTS, type WorkOrderEvents } from './work-order.events';

/** The parts an asset type's component needs (in the platform: `FailureCodeRepository.billOfMaterials`). */
export type BillOfMaterialsLookup = (
  assetType: string,
  component: string,
) => Promise<ReadonlyArray<{ partNumber: string; quantity: number }>>;

/** Options of {@link ReplacementTaskService}. */
export interface ReplacementTaskOptions {
  /** Assets an uptime contract makes urgent (default: none). */
  contractImpact: ContractImpactPort;
  /** Parts an order will need (default: none). */
  billOfMaterials: BillOfMaterialsLookup;
  /** The clock of cooldowns (default `Date.now`). */
  now: () => number;
  /** Where `RAISED` events go (default nowhere). */
  events: WorkOrderEvents;
}

interface Candidate {
  score: ScoredAsset;
  policy: WarningPolicy;
  key: string;
}

/** Raises preventive-replacement orders from scores, and closes them when the unit is replaced. */
export class ReplacementTaskService {
  private readonly raised;
  private readonly options: ReplacementTaskOptions;
  private readonly signals = new RiskSignalTracker();

  constructor(
    private readonly tasks: TaskRepository,
    metrics: MetricsRegistry,
    options: Partial<ReplacementTaskOptions> = {},
  ) {
    this.raised = metrics.counter('hg_tasks_raised_total', 'preventive-replacement tasks raised', [
      'priority',
    ]);
    this.options = {
      contractImpact: NO_CONTRACT_IMPACT,
      billOfMaterials: async () => [],
      now: Date.now,
      events: NO_WORK_ORDER_EVENTS,
      ...options,
    };
  }

  /**
   * Acts on one scoring round under each asset type's warning policy: an order once K of the last N
   * scores reached the threshold (`RiskSignalTracker`), unless the model's last order has not seen
   * the risk below the clear threshold since, or the asset and component's last order closed less
   * than the cooldown ago. Priority from the RUL against the horizon, one level up for assets near
   * their contract's availability target; replace-by date from the RUL; parts from the bill of
   * materials. Returns the orders raised.
   */
  async onScores(scored: readonly ScoredAsset[], policies: WarningPolicyLookup): Promise<Task[]> {
    const { candidates, installed } = this.observe(scored, policies);
    for (const { assetId, at } of installed)
      await this.tasks.closeOpenBefore(assetId, new Date(at), 'UNIT_REPLACED');
    if (candidates.length === 0) return [];
    // Cooldowns, contract impact and bills of materials are independent reads: all in flight at once.
    const parts = new Map<string, Promise<PartUsed[]>>();
    for (const c of candidates) this.partsFor(c, parts).catch(() => undefined);
    const [ready, urgent] = await Promise.all([
      this.pastCooldown(candidates),
      this.options.contractImpact.nearAvailabilityTarget([
        ...new Set(candidates.map((c) => c.score.assetId)),
      ]),
    ]);
    const tasks = await this.tasks.openManyIfNone(
      await Promise.all(ready.map((c) => this.newTask(c, urgent.has(c.score.assetId), parts))),
    );
    const byKey = new Map(tasks.map((t) => [`${t.assetId}/${t.component}`, t]));
    const raised: Task[] = [];
    for (const c of ready) {
      const task = byKey.get(c.key);
      this.signals.disarm(c.score.assetId, c.policy.component);
      if (task) {
        this.raised.inc({ priority: task.priority });
        raised.push(task);
        await this.options.events.onEvent({ kind: 'RAISED', order: task });
      }
    }
    return raised;
  }

  /**
   * The round's scores through the signal tracker, in memory: the candidates, and the scores that
   * report a new unit (its signals are forgotten before its score counts). Kept out of the async
   * `onScores`: there every local of a loop with an `await` in it lives on the heap, which made the
   * 100,000-score pass 1.6 x the cost of the bare evaluation.
   */
  private observe(
    scored: readonly ScoredAsset[],
    policies: WarningPolicyLookup,
  ): { candidates: Candidate[]; installed: Array<{ assetId: string; at: number }> } {
    const candidates: Candidate[] = [];
    const installed: Array<{ assetId: string; at: number }> = [];
    // A round's lookup answers each type the same, and a round's scores come type by type.
    let type: string | undefined;
    let policy: WarningPolicy | undefined;
    for (const s of scored) {
      if (s.installedAt !== undefined) {
        installed.push({ assetId: s.assetId, at: s.installedAt });
        this.signals.forget(s.assetId);
      }
      if (policy === undefined || s.assetType !== type) policy = policies((type = s.assetType));
      if (this.signals.observe(s.assetId, policy.component, s, policy))
        candidates.push({ score: s, policy, key: `${s.assetId}/${policy.component}` });
    }
    return { candidates, installed };
  }

  /** The order a candidate raises; `parts` caches each type and component's bill of materials for the round. */
  private async newTask(
    { score: s, policy }: Candidate,
    urgent: boolean,
    parts: Map<string, Promise<PartUsed[]>>,
  ): Promise<NewTask> {
    const base = priorityFor(s.rul, s.horizon);
    return {
      tenantId: s.tenantId,
      assetId: s.assetId,
      assetType: s.assetType,
      component: policy.component,
      priority: urgent ? raisePriority(base) : base,
      predictedRul: s.rul,
      risk: s.probability,
      modelVersion: s.modelVersion,
      replaceBy: new Date(s.lastTs + Math.max(0, s.rul) * s.msPerCycle),
      partsNeeded: await this.partsFor({ score: s, policy }, parts),
    };
  }

  /** A candidate's parts: each type and component's bill of materials read once per round (`parts`). */
  private partsFor(
    { score: s, policy }: Pick<Candidate, 'score' | 'policy'>,
    parts: Map<string, Promise<PartUsed[]>>,
  ): Promise<PartUsed[]> {
    const bomKey = `${s.assetType}\u0000${policy.component}`;
    let needed = parts.get(bomKey);
    if (!needed) {
      needed = this.options
        .billOfMaterials(s.assetType, policy.component)
        .then((lines) => lines.map((p) => ({ partNumber: p.partNumber, quantity: p.quantity })));
      parts.set(bomKey, needed);
    }
    return needed;
  }

  /** The candidates whose asset and component closed no order within their policy's cooldown. */
  private async pastCooldown(candidates: Candidate[]): Promise<Candidate[]> {
    const cooling = candidates.filter((c) => (c.policy.cooldownHours ?? 0) > 0);
    if (cooling.length === 0) return candidates;
    const closed = await this.tasks.lastClosedAt([...new Set(cooling.map((c) => c.score.assetId))]);
    const now = this.options.now();
    return candidates.filter((c) => {
      const at = closed.get(c.key);
      return at === undefined || now - at >= (c.policy.cooldownHours ?? 0) * 3_600_000;
    });
  }
}

/** Priority from the predicted remaining life relative to the warning horizon. */
export function priorityFor(rul: number, horizon: number): TaskPriority {
  if (rul <= horizon / 3) return 'CRITICAL';
  if (rul <= (2 * horizon) / 3) return 'HIGH';
  if (rul <= horizon) return 'MEDIUM';
  return 'LOW';
}

/** One priority level up, `CRITICAL` staying `CRITICAL` (contract impact, escalation). */
export function raisePriority(priority: TaskPriority): TaskPriority {
  return TASK_PRIORITIES[
    Math.min(TASK_PRIORITIES.indexOf(priority) + 1, TASK_PRIORITIES.length - 1)
  ];
}
