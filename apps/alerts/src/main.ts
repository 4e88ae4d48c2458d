import { openRuntimeContext, runService, startAlerts, startApi, startTelemetryMaintenance } from '@hourglass/runtime-services';

/** Scoring, tasks and billing, with the REST API. */
runService('alerts', async (config) => {
  const ctx = await openRuntimeContext(config);
  const alerts = await startAlerts(ctx);
  const api = await startApi(ctx, { activeModel: () => alerts.model.version });
  const rollup = startTelemetryMaintenance(ctx);
  return {
    banner: [`Hourglass alerts: REST API on http://${config.HG_HOST}:${api.port}, model ${alerts.model.version}`],
    stop: async () => {
      await api.close();
      await rollup?.stop();
      await alerts.stop();
      await ctx.db.close();
    },
  };
});
