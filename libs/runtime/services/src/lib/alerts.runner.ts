import { resolve } from 'node:path';
import { BillingRecordService, ContractRepository } from '@hourglass/billing-records';
import { DEFAULT_WARNING_POLICY, ReplacementTaskService, TaskRepository } from '@hourglass/maintenance-tasks';
import { DEFAULT_TENANT_ID } from '@hourglass/platform-tenancy';
import { RiskModel, selectBackend } from '@hourglass/risk-model';
import { AssetScoringService, RiskScoreRepository, listModels } from '@hourglass/risk-scoring';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';

export interface RunningAlerts {
  model: RiskModel;
  scoring: PeriodicTask;
  billing: PeriodicTask;
  stop(): Promise<void>;
}

/** The contract `npm start` bills the demo fleet under. */
export const DEMO_CONTRACT = {
  id: 'demo-power-by-the-hour',
  tenantId: DEFAULT_TENANT_ID,
  name: 'Demo fleet: power by the hour',
  currency: 'EUR',
  ratePerHour: '120.00',
  slaTarget: '0.97',
  tz: 'UTC',
  heartbeatTimeoutSeconds: 900,
  fleet: true,
};

/** The model version to serve: HG_MODEL_VERSION, else the newest folder of the models directory. */
export function activeModelDir(modelsDir: string, version = process.env['HG_MODEL_VERSION']): string {
  const models = listModels(resolve(modelsDir));
  const chosen = version ? models.find((m) => m.name === version || m.version === version) : models[models.length - 1];
  if (!chosen) {
    throw new Error(
      version ? `model version ${version} not found in ${modelsDir}` : `no model in ${modelsDir} (train one: npm run model:train)`,
    );
  }
  return chosen.dir;
}

/** Scores assets continuously, raises preventive-replacement tasks, and keeps billing records current. */
export async function startAlerts(ctx: RuntimeContext): Promise<RunningAlerts> {
  const backend = await selectBackend();
  const model = await RiskModel.load(activeModelDir(ctx.config.HG_MODEL_DIR));
  ctx.log(`alerts: model ${model.version} (horizon ${model.horizon} cycles) on the ${backend} backend`);
  const scoresRepo = new RiskScoreRepository(ctx.db);
  const scoring = new AssetScoringService(ctx.telemetry, scoresRepo, () => model, ctx.metrics, {
    threshold: ctx.config.HG_RISK_THRESHOLD,
  });
  const tasks = new ReplacementTaskService(new TaskRepository(ctx.db), ctx.metrics, {
    ...DEFAULT_WARNING_POLICY,
    consecutive: ctx.config.HG_RISK_CONSECUTIVE,
  });
  const contracts = new ContractRepository(ctx.db);
  await contracts.upsert(DEMO_CONTRACT);
  const billing = new BillingRecordService(contracts);

  const scoringTask = new PeriodicTask('scoring', ctx.config.HG_SCORING_INTERVAL_MS, async () => {
    const scored = await scoring.scoreAll();
    for (const task of await tasks.onScores(scored)) {
      ctx.log(`alerts: task ${task.id} for ${task.assetId}/${task.component}: ${task.priority}, predicted RUL ${task.predictedRul.toFixed(0)} cycles, risk ${task.risk.toFixed(2)}`);
    }
  }, ctx.log).start();
  const billingTask = new PeriodicTask('billing', ctx.config.HG_BILLING_INTERVAL_MS, async () => {
    await billing.run();
  }, ctx.log).start();

  return {
    model,
    scoring: scoringTask,
    billing: billingTask,
    stop: async () => {
      await scoringTask.stop();
      await billingTask.stop();
      model.dispose();
    },
  };
}

