// Score-to-decision: a round of risk scores for every asset through the warning policy as scoring
// rounds call it (ReplacementTaskService.onScores with the stored policy, cooldowns, contract impact
// and bill of materials on PostgreSQL), against a bare in-memory evaluation of the same policy on the
// same scores in the same process (see bench/README.md, `alerts`).
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import {
  FailureCodeRepository,
  ReplacementTaskService,
  TaskRepository,
  WarningPolicies,
  WarningPolicyRepository,
  type WarningPolicy,
} from '@hourglass/maintenance-tasks';
import type { ScoredAsset } from '@hourglass/risk-scoring';
import { billingContractImpact } from '@hourglass/runtime-services';
import { progress } from '../support/bench-contract';
import { countProgress } from '../support/phase-progress';
import { coresUsed } from '../support/cpu-meter';

/** The policy both sides evaluate: 3 of the last 5 scores at or above 0.5, clear below 0.4, 24 h cooldown. */
export const BENCH_POLICY: WarningPolicy = {
  assetType: 'turbofan',
  threshold: 0.5,
  horizon: 30,
  consecutive: 3,
  window: 5,
  clearThreshold: 0.4,
  cooldownHours: 24,
  component: 'hpc-module',
};

/** One round measured on both sides. */
export interface DecisionRound {
  scores: number;
  oursSeconds: number;
  oursCores: number;
  bareSeconds: number;
  raised: number;
  bareDecisions: number;
}

/** Every `degradingEvery`-th asset's risk climbs by 0.15 a round from 0.1; the others stay low and noisy (below 0.22). */
function scoresOfRound(
  ids: readonly string[],
  round: number,
  degradingEvery: number,
): ScoredAsset[] {
  const now = Date.now();
  return ids.map((assetId, i) => {
    const degrading = i % degradingEvery === 0;
    // Degrading assets start their climb in one of five rounds, so raises spread over rounds.
    const climb = Math.max(0, round - ((i / degradingEvery) % 5));
    const noise = ((i * 2654435761 + round * 40503) % 1000) / 1000;
    const probability = degrading ? Math.min(0.99, 0.1 + 0.15 * climb) : 0.02 + 0.2 * noise;
    return {
      assetId,
      tenantId: 'default',
      probability,
      horizon: 30,
      rul: degrading ? Math.max(1, 120 - 15 * climb) : 150,
      modelVersion: 'bench-model',
      scoredAt: new Date(now).toISOString(),
      windowEnd: new Date(now).toISOString(),
      consecutiveAbove: 0,
      assetType: 'turbofan',
      lastTs: now,
      msPerCycle: 86_400_000,
    };
  });
}

/**
 * The bare reference: the same K-of-N, hysteresis and cooldown in plain maps and bit rings, with a
 * decision recorded in memory instead of an order stored.
 */
export class BarePolicyEvaluation {
  private readonly rings = new Map<string, { bits: number; count: number; armed: boolean }>();
  private readonly closedAt = new Map<string, number>();
  readonly decided: string[] = [];

  constructor(private readonly policy: WarningPolicy) {}

  round(scores: readonly ScoredAsset[], now: number): number {
    const { threshold, consecutive, clearThreshold, cooldownHours } = this.policy;
    const window = Math.max(this.policy.window ?? consecutive, consecutive);
    const mask = (1 << window) - 1;
    let decisions = 0;
    for (const s of scores) {
      const above = s.probability >= threshold;
      let ring = this.rings.get(s.assetId);
      if (!ring) this.rings.set(s.assetId, (ring = { bits: 0, count: 0, armed: true }));
      ring.bits = ((ring.bits << 1) | (above ? 1 : 0)) & mask;
      ring.count = popcount(ring.bits);
      if (s.probability < (clearThreshold ?? threshold)) ring.armed = true;
      if (!ring.armed || ring.count < consecutive) continue;
      const closed = this.closedAt.get(s.assetId);
      if (closed !== undefined && now - closed < (cooldownHours ?? 0) * 3_600_000) continue;
      ring.armed = false;
      this.decided.push(s.assetId);
      decisions++;
    }
    return decisions;
  }
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** Runs `rounds` rounds of scores for `ids` through ours and the bare evaluation, alternating. */
export async function decisionPhase(
  db: SqlDatabase,
  ids: readonly string[],
  rounds: number,
  degradingEvery: number,
): Promise<{ rounds: DecisionRound[]; raisedAssets: string[]; bareAssets: string[] }> {
  const repository = new WarningPolicyRepository(db);
  await repository.put(BENCH_POLICY, 'bench');
  const policies = new WarningPolicies(repository);
  const bom = new FailureCodeRepository(db);
  const sut = new ReplacementTaskService(
    new TaskRepository(db),
    new MetricsRegistry({ defaultMetrics: false }),
    {
      billOfMaterials: (type, component) => bom.billOfMaterials(type, component),
      contractImpact: billingContractImpact(db),
    },
  );
  const bare = new BarePolicyEvaluation(BENCH_POLICY);
  const results: DecisionRound[] = [];
  const raisedAssets: string[] = [];
  const done = countProgress('score-to-decision rounds', rounds, 'rounds');
  for (let r = 0; r < rounds; r++) {
    const scores = scoresOfRound(ids, r, degradingEvery);
    let t0 = performance.now();
    const bareDecisions = bare.round(scores, Date.now());
    const bareSeconds = (performance.now() - t0) / 1000;
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    const lookup = await policies.load(30);
    const raised = await sut.onScores(scores, lookup);
    const ms = performance.now() - t0;
    raisedAssets.push(...raised.map((t) => t.assetId));
    const round: DecisionRound = {
      scores: scores.length,
      oursSeconds: ms / 1000,
      oursCores: coresUsed(cpu0, process.cpuUsage(), ms),
      bareSeconds,
      raised: raised.length,
      bareDecisions,
    };
    results.push(round);
    done.update(r + 1);
    progress(
      `round ${r + 1}: ${scores.length} scores, ours ${round.oursSeconds.toFixed(3)} s (${raised.length} orders raised), bare ${bareSeconds.toFixed(4)} s (${bareDecisions} decisions)`,
    );
  }
  return { rounds: results, raisedAssets, bareAssets: bare.decided };
}
