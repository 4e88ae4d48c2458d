import {
  MAINTENANCE_PROBE_PORT,
  openRuntimeContext,
  queueingPlanNotifications,
  queueingWorkOrderNotifications,
  runService,
  ServiceReadiness,
  startProbeServer,
  startServiceLoop,
} from '@hourglass/runtime-services';

/**
 * The maintenance loop beside the model: rule conditions on telemetry, maintenance plans and
 * escalations (one process), their events queued as webhooks; `/livez`, `/readyz`, `/metrics` on HG_PROBE_PORT.
 */
runService('maintenance', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['maintenance']);
  const probe = await startProbeServer(
    { readiness, metrics: ctx.metrics },
    { port: config.HG_PROBE_PORT ?? MAINTENANCE_PROBE_PORT, host: config.HG_HOST },
  );
  const loop = startServiceLoop(ctx, {
    notifications: {
      workOrders: queueingWorkOrderNotifications(ctx),
      plans: queueingPlanNotifications(ctx),
    },
  });
  readiness.set('maintenance', true);
  return {
    banner: [
      'Hourglass maintenance: rule, maintenance-plan and escalation rounds',
      `  probes on http://${config.HG_HOST}:${probe.port} (/livez, /readyz, /metrics)`,
    ],
    stop: async () => {
      readiness.drain();
      await loop.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
      await probe.close();
    },
  };
});
