import { openRuntimeContext, runService, startServiceLoop } from '@hourglass/runtime-services';

/** The maintenance loop beside the model: rule conditions on telemetry and maintenance plans (one process). */
runService('maintenance', async (config) => {
  const ctx = await openRuntimeContext(config);
  const loop = startServiceLoop(ctx);
  return {
    banner: ['Hourglass maintenance: rule and maintenance-plan rounds'],
    stop: async () => {
      await loop.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
    },
  };
});
