import { resolve } from 'node:path';
import { AssetRepository } from '@hourglass/devices-registry';
import {
  FailureCodeRepository,
  ReplacementTaskService,
  TaskRepository,
  WarningPolicies,
  WarningPolicyRepository,
} from '@hourglass/maintenance-tasks';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { RiskModel, selectBackend } from '@hourglass/risk-model';
import {
  AssetScoringService,
  EmbeddedWindowReader,
  ModelDeploymentRepository,
  ModelSwitcher,
  RiskScoreRepository,
  ScoringRoundJob,
  StoreWindowReader,
  defaultModel,
  listModels,
  validatePartition,
  type FreshAssetsSource,
  type LoadedModel,
} from '@hourglass/risk-scoring';
import { billingContractImpact } from './contract-impact.adapter';
import { definedOptions } from './defined-options';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';
import { notifyingWorkOrderEvents } from './work-order-events.adapter';
import { caseLibraryEvents, caseLibraryOn } from '@hourglass/api-http';
import type { CaseLibraryOptions } from '@hourglass/service-cases';
import { caseLibrarySettings } from './case-library.settings';
import type { WorkOrderNotifications } from './work-order-notifications';

export interface RunningScoring {
  /** The active model now (it changes when a version is promoted or rolled back). */
  readonly model: LoadedModel;
  /** The challenger scoring in shadow, if any. */
  readonly shadow: LoadedModel | null;
  scoring: PeriodicTask;
  stop(): Promise<void>;
}

/** The model version that serves until one is promoted: HG_MODEL_VERSION, else the newest folder. */
export function activeModelDir(modelsDir: string, version?: string): string {
  const chosen = defaultModel(listModels(resolve(modelsDir)), version);
  if (!chosen) {
    throw new Error(
      version
        ? `model version ${version} not found in ${modelsDir}`
        : `no model in ${modelsDir} (train one: npm run model:train)`,
    );
  }
  return chosen.dir;
}

/** Options of {@link startScoring}. */
export interface ScoringRunnerOptions {
  /**
   * Ingest in the same process (see `RecorderFreshAssets`): each round also scores the assets it
   * made durable rows of since the last one. Without it, scoring learns of new rows through
   * `assets.last_seen` (written every second) and the active window.
   */
  fresh?: FreshAssetsSource;
  /** Where raised orders are announced (webhooks, device commands); default nowhere. */
  notifications?: WorkOrderNotifications;
  /** Settings of the case library that suggests for raised orders (default {@link caseLibrarySettings} without the simulator). */
  caseLibrary?: CaseLibraryOptions;
}

/**
 * Schedules the scoring round ({@link ScoringRoundJob}) of this replica's assets every
 * HG_SCORING_INTERVAL_MS: scores, then preventive-replacement tasks under each asset type's warning
 * policy. Every round first reads the deployed model versions from SQL, so a promotion, rollback
 * or shadow change applies without a restart. Raised tasks go to `notifications` (webhooks, device commands).
 */
export async function startScoring(
  ctx: RuntimeContext,
  options: ScoringRunnerOptions = {},
): Promise<RunningScoring> {
  const backend = await selectBackend();
  const pinned = ctx.config.HG_MODEL_VERSION;
  if (pinned) activeModelDir(ctx.config.HG_MODEL_DIR, pinned);
  const partition = validatePartition({
    replicas: ctx.config.HG_SCORING_REPLICAS,
    index: ctx.config.HG_SCORING_REPLICA_INDEX,
  });
  const switcher = new ModelSwitcher(
    resolve(ctx.config.HG_MODEL_DIR),
    new ModelDeploymentRepository(ctx.db),
    (entry) => RiskModel.load(entry.dir),
    ctx.metrics,
    { pinned, log: ctx.log },
  );
  const first = await switcher.refresh();
  ctx.log(
    `scoring: replica ${partition.index + 1} of ${partition.replicas}, model ${first.active.version} on the ${backend} backend`,
  );
  // The embedded store is read for a whole batch in one statement; InfluxDB one device at a time.
  const reader =
    ctx.telemetry instanceof EmbeddedTelemetryStore
      ? new EmbeddedWindowReader(ctx.telemetry)
      : new StoreWindowReader(ctx.telemetry);
  const scoring = new AssetScoringService(
    reader,
    new RiskScoreRepository(ctx.db, new AssetRepository(ctx.db)),
    ctx.metrics,
    definedOptions({
      threshold: ctx.config.HG_RISK_THRESHOLD,
      partition,
      fresh: options.fresh,
    }),
  );
  const policies = new WarningPolicies(
    new WarningPolicyRepository(ctx.db),
    definedOptions({
      threshold: ctx.config.HG_RISK_THRESHOLD,
      consecutive: ctx.config.HG_RISK_CONSECUTIVE,
    }),
  );
  const bom = new FailureCodeRepository(ctx.db);
  const tasks = new ReplacementTaskService(new TaskRepository(ctx.db), ctx.metrics, {
    billOfMaterials: (type, component) => bom.billOfMaterials(type, component),
    contractImpact: billingContractImpact(ctx.db),
    // A raised order gets its case-library suggestion here, before webhooks and device commands.
    events: caseLibraryEvents(
      caseLibraryOn(
        ctx.db,
        ctx.telemetry,
        undefined,
        options.caseLibrary ?? caseLibrarySettings(ctx.config, false),
      ),
      options.notifications ? notifyingWorkOrderEvents(options.notifications) : undefined,
      ctx.log,
    ),
  });
  const round = new ScoringRoundJob(
    { models: switcher, scoring, policies, decisions: tasks, log: ctx.log },
    {
      describe: (task) =>
        `scoring: task ${task.id} for ${task.assetId}/${task.component}: ${task.priority}, predicted RUL ${task.predictedRul?.toFixed(0)} cycles, risk ${task.risk?.toFixed(2)}`,
    },
  );
  const scoringTask = new PeriodicTask(
    'scoring',
    ctx.config.HG_SCORING_INTERVAL_MS,
    async () => void (await round.run()),
    ctx.log,
    ctx.metrics,
  ).start();
  const retention = startScoreHistoryRetention(ctx, partition.index);

  return {
    get model() {
      return switcher.current ?? first.active;
    },
    get shadow() {
      return switcher.challenger;
    },
    scoring: scoringTask,
    stop: async () => {
      await scoringTask.stop();
      await retention?.stop();
      switcher.dispose();
    },
  };
}

/** How often the score history's retention runs. */
export const SCORE_HISTORY_PURGE_INTERVAL_MS = 3_600_000;

/**
 * Deletes the hourly score history older than HG_SCORE_HISTORY_DAYS every hour (at start too);
 * only the first replica, so replicas do not repeat each other's work. None with 0 (kept for ever).
 */
function startScoreHistoryRetention(
  ctx: RuntimeContext,
  replicaIndex: number,
): PeriodicTask | undefined {
  const days = ctx.config.HG_SCORE_HISTORY_DAYS;
  if (days === 0 || replicaIndex !== 0) return undefined;
  const scores = new RiskScoreRepository(ctx.db, new AssetRepository(ctx.db));
  return new PeriodicTask(
    'score-history-retention',
    SCORE_HISTORY_PURGE_INTERVAL_MS,
    async () => {
      const deleted = await scores.purgeHistory(new Date(Date.now() - days * 86_400_000));
      if (deleted > 0) ctx.log(`scoring: deleted ${deleted} hourly scores older than ${days} days`);
    },
    ctx.log,
    ctx.metrics,
  ).start();
}
