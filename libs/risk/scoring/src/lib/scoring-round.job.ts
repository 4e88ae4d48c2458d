import type { AssetScoringService, ScoredAsset, ScoringPolicy } from './asset-scoring.service';
import type { ModelSwitcher, ScoringModels } from './model-switcher';

/** Each asset type's threshold and horizon for one round. */
export type ScoringPolicyLookup = (assetType: string) => ScoringPolicy;

/**
 * Where a round's warning policies come from, read once per round for the active model's horizon
 * (in the platform: maintenance's `WarningPolicies`).
 */
export interface WarningPolicySource<P extends ScoringPolicyLookup> {
  load(horizon: number): Promise<P>;
}

/**
 * What acts on a round's scores under the same policies, returning the decisions it took
 * (in the platform: maintenance's `ReplacementTaskService`, whose decisions are tasks).
 */
export interface ScoreDecisionSink<P extends ScoringPolicyLookup, D> {
  onScores(scored: readonly ScoredAsset[], policy: P): Promise<readonly D[]>;
}

/** What {@link ScoringRoundJob} works with. */
export interface ScoringRoundDependencies<P extends ScoringPolicyLookup, D> {
  /** Loads what the deployments changed since the last round (a {@link ModelSwitcher}). */
  models: Pick<ModelSwitcher, 'refresh'>;
  scoring: Pick<AssetScoringService, 'scoreAll'>;
  policies: WarningPolicySource<P>;
  decisions: ScoreDecisionSink<P, D>;
  /** Log line sink. */
  log: (line: string) => void;
}

/** Options of {@link ScoringRoundJob}. */
export interface ScoringRoundOptions<D> {
  /** The log line of one decision taken in a round. */
  describe: (decision: D) => string;
}

/** What one round did. */
export interface ScoringRound<D> {
  models: ScoringModels;
  scored: ScoredAsset[];
  decisions: readonly D[];
}

/**
 * One scoring round: follow the deployed model versions, read the warning policies for the active
 * model's horizon, score this replica's assets with new telemetry, hand the scores to the decision
 * sink and log its decisions. A composition root schedules {@link run}.
 */
export class ScoringRoundJob<P extends ScoringPolicyLookup, D> {
  constructor(
    private readonly deps: ScoringRoundDependencies<P, D>,
    private readonly options: ScoringRoundOptions<D>,
  ) {}

  /** Runs one round; rejects with the first step's error (nothing later in the round runs). */
  async run(): Promise<ScoringRound<D>> {
    const models = await this.deps.models.refresh();
    const policy = await this.deps.policies.load(models.active.horizon);
    const scored = await this.deps.scoring.scoreAll(models, policy);
    const decisions = await this.deps.decisions.onScores(scored, policy);
    for (const decision of decisions) this.deps.log(this.options.describe(decision));
    return { models, scored, decisions };
  }
}
