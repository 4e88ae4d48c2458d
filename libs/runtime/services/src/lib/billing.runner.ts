import {
  BillingRoundJob,
  BillingStores,
  RunDayRollupJob,
  StateEventDayCompactor,
  seedDemoContract,
} from '@hourglass/billing-records';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';

export interface RunningBilling {
  billing: PeriodicTask;
  /** Packs closed days for the runs (null when HG_BILLING_COMPACT_INTERVAL_MS is 0). */
  compaction: PeriodicTask | null;
  /** Rolls up closed days' RUN time (null when HG_BILLING_RUN_DAYS_INTERVAL_MS is 0). */
  runDays: PeriodicTask | null;
  stop(): Promise<void>;
}

/**
 * Schedules the billing round ({@link BillingRoundJob}) every HG_BILLING_INTERVAL_MS: the current
 * and previous period of every contract re-rated when something new arrived, finalised after the
 * grace period; the packing of closed days into the blocks runs read
 * ({@link StateEventDayCompactor}) every HG_BILLING_COMPACT_INTERVAL_MS; and the day rollup of RUN time. Seeds the demo contract (idempotent) that `npm start` bills its fleet under.
 */
export async function startBilling(ctx: RuntimeContext): Promise<RunningBilling> {
  const stores = new BillingStores(ctx.db);
  await seedDemoContract(stores);
  const round = new BillingRoundJob({ db: ctx.db, stores, log: ctx.log });
  const billing = new PeriodicTask(
    'billing',
    ctx.config.HG_BILLING_INTERVAL_MS,
    async () => {
      await round.run();
    },
    ctx.log,
    ctx.metrics,
  ).start();
  const every = ctx.config.HG_BILLING_COMPACT_INTERVAL_MS;
  const compactor = new StateEventDayCompactor(ctx.db, {
    marginMs: ctx.config.HG_BILLING_COMPACT_MARGIN_MS,
  });
  const compaction =
    every > 0
      ? new PeriodicTask(
          'billing-compaction',
          every,
          async () => {
            await compactor.compact();
          },
          ctx.log,
          ctx.metrics,
        ).start()
      : null;
  const runDays = startRunDayRollup(ctx);
  return {
    billing,
    compaction,
    runDays,
    stop: async () => {
      await Promise.all([billing.stop(), compaction?.stop(), runDays?.stop()]);
    },
  };
}

/** The day rollup of RUN time ({@link RunDayRollupJob}) every HG_BILLING_RUN_DAYS_INTERVAL_MS. */
function startRunDayRollup(ctx: RuntimeContext): PeriodicTask | null {
  const every = ctx.config.HG_BILLING_RUN_DAYS_INTERVAL_MS;
  if (every <= 0) return null;
  const job = new RunDayRollupJob(ctx.db, { marginMs: ctx.config.HG_BILLING_RUN_DAYS_MARGIN_MS });
  return new PeriodicTask(
    'billing-run-days',
    every,
    async () => {
      await job.roll();
    },
    ctx.log,
    ctx.metrics,
  ).start();
}
