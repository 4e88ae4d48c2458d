import { openRuntimeContext, queueingWorkOrderNotifications, runService, startScoring } from '@hourglass/runtime-services';

/**
 * Scoring rounds and the warning policy's tasks for this replica's assets
 * (HG_SCORING_REPLICAS / HG_SCORING_REPLICA_INDEX partition the assets between replicas).
 */
runService('scoring', async (config) => {
  const ctx = await openRuntimeContext(config);
  // Raised orders are queued for webhooks here; apps/api sends them.
  const scoring = await startScoring(ctx, queueingWorkOrderNotifications(ctx));
  return {
    banner: [`Hourglass scoring: replica ${config.HG_SCORING_REPLICA_INDEX + 1} of ${config.HG_SCORING_REPLICAS}, model ${scoring.model.version}`],
    stop: async () => {
      await scoring.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
    },
  };
});
