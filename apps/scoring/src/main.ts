import {
  openRuntimeContext,
  queueingWorkOrderNotifications,
  runService,
  SCORING_PROBE_PORT,
  ServiceReadiness,
  startProbeServer,
  startScoring,
} from '@hourglass/runtime-services';

/**
 * Scoring rounds and the warning policy's tasks for this replica's assets
 * (HG_SCORING_REPLICAS / HG_SCORING_REPLICA_INDEX partition the assets between replicas);
 * `/livez`, `/readyz`, `/metrics` on HG_PROBE_PORT.
 */
runService('scoring', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['scoring']);
  const probe = await startProbeServer(
    { readiness, metrics: ctx.metrics },
    { port: config.HG_PROBE_PORT ?? SCORING_PROBE_PORT, host: config.HG_HOST },
  );
  // Raised orders are queued for webhooks here; apps/api sends them.
  const scoring = await startScoring(ctx, { notifications: queueingWorkOrderNotifications(ctx) });
  readiness.set('scoring', true);
  return {
    banner: [
      `Hourglass scoring: replica ${config.HG_SCORING_REPLICA_INDEX + 1} of ${config.HG_SCORING_REPLICAS}, model ${scoring.model.version}`,
      `  probes on http://${config.HG_HOST}:${probe.port} (/livez, /readyz, /metrics)`,
    ],
    stop: async () => {
      readiness.drain();
      await scoring.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
      await probe.close();
    },
  };
});
