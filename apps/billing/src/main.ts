import { openRuntimeContext, runService, startBilling } from '@hourglass/runtime-services';

/** Billing rounds of every contract (one process: runs are idempotent, but two would do the work twice). */
runService('billing', async (config) => {
  const ctx = await openRuntimeContext(config);
  const billing = await startBilling(ctx);
  return {
    banner: [`Hourglass billing: a round every ${config.HG_BILLING_INTERVAL_MS} ms`],
    stop: async () => {
      await billing.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
    },
  };
});
