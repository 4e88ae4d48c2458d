import { BillingRoundJob, BillingStores, seedDemoContract } from '@hourglass/billing-records';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';

export interface RunningBilling {
  billing: PeriodicTask;
  stop(): Promise<void>;
}

/**
 * Schedules the billing round ({@link BillingRoundJob}) every HG_BILLING_INTERVAL_MS: the current
 * and previous period of every contract re-rated when something new arrived, finalised after the
 * grace period. Seeds the demo contract (idempotent) that `npm start` bills its fleet under.
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
  return { billing, stop: () => billing.stop() };
}
