import { openRuntimeContext, runService, startApi, startTelemetryMaintenance, startWebhookDelivery } from '@hourglass/runtime-services';

/**
 * The REST API (and the embedded telemetry store's rollups when no InfluxDB is configured).
 * Stateless: run as many as the load needs behind a load balancer. Each also sends the queued webhook
 * deliveries (claimed with leases, so replicas share the queue).
 */
runService('api', async (config) => {
  const ctx = await openRuntimeContext(config);
  const api = await startApi(ctx);
  const rollup = startTelemetryMaintenance(ctx);
  const webhooks = startWebhookDelivery(ctx);
  return {
    banner: [`Hourglass api: REST API on http://${config.HG_HOST}:${api.port}`],
    stop: async () => {
      await api.close();
      await webhooks.stop();
      await rollup?.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
    },
  };
});
