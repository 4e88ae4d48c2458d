import { openRuntimeContext, runService, ServiceReadiness, startAlerts, startApi, startTelemetryMaintenance } from '@hourglass/runtime-services';

/** Scoring, tasks and billing, with the REST API (and its `/livez`, `/readyz`). */
runService('alerts', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['alerts']);
  const alerts = await startAlerts(ctx);
  const api = await startApi(ctx, { activeModel: () => alerts.model.version, readiness });
  const rollup = startTelemetryMaintenance(ctx);
  readiness.set('alerts', true);
  return {
    banner: [`Hourglass alerts: REST API on http://${config.HG_HOST}:${api.port}, model ${alerts.model.version}`],
    stop: async () => {
      readiness.drain();
      await api.close();
      await rollup?.stop();
      await alerts.stop();
      await ctx.db.close();
    },
  };
});
