import {
  notifyingWorkOrderEvents,
  openRuntimeContext,
  QueueingDeviceCommands,
  runService,
  ServiceReadiness,
  startApi,
  startTelemetryMaintenance,
  startWebhookDelivery,
  WorkOrderNotifications,
} from '@hourglass/runtime-services';

/**
 * The REST API (and the embedded telemetry store's rollups when no InfluxDB is configured), with
 * `/livez` and `/readyz` beside `/health`. Stateless: run as many as the load needs. Each also sends
 * the queued webhook deliveries (claimed with leases, so replicas share the queue), and queues the
 * work-order events of changes made through it: webhooks, and maintenance commands that the
 * maintenance process publishes over MQTT.
 */
runService('api', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['api']);
  const webhooks = startWebhookDelivery(ctx);
  const workOrderEvents = notifyingWorkOrderEvents(
    new WorkOrderNotifications(webhooks.publisher, [new QueueingDeviceCommands(ctx.db)], ctx.log),
  );
  const api = await startApi(ctx, { readiness, workOrderEvents });
  const rollup = startTelemetryMaintenance(ctx);
  readiness.set('api', true);
  return {
    banner: [`Hourglass api: REST API on http://${config.HG_HOST}:${api.port}`],
    stop: async () => {
      readiness.drain();
      await api.close();
      await webhooks.stop();
      await rollup?.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
    },
  };
});
