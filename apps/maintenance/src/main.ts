import {
  MAINTENANCE_PROBE_PORT,
  openRuntimeContext,
  queueingPlanNotifications,
  queueingWorkOrderNotifications,
  runService,
  ServiceReadiness,
  startDeviceCommandRelay,
  startProbeServer,
  startServiceLoop,
} from '@hourglass/runtime-services';

/**
 * The maintenance loop beside the model: rule conditions on telemetry, maintenance plans and
 * escalations (one process), their events queued as webhooks and maintenance commands. It is also
 * the platform's MQTT side when services run apart: it publishes the maintenance commands every
 * process queued and reads `devices/+/events` from the broker at HG_MQTT_URL (one maintenance
 * process: two would publish an asset's list concurrently). `/livez`, `/readyz`, `/metrics` on HG_PROBE_PORT.
 */
runService('maintenance', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['maintenance']);
  const probe = await startProbeServer(
    { readiness, metrics: ctx.metrics },
    { port: config.HG_PROBE_PORT ?? MAINTENANCE_PROBE_PORT, host: config.HG_HOST },
  );
  const mqttUrl = config.HG_MQTT_URL ?? `mqtt://127.0.0.1:${config.HG_MQTT_PORT}`;
  const relay = await startDeviceCommandRelay(ctx, mqttUrl).catch(async (error: Error) => {
    await probe.close();
    throw error;
  });
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
      `  maintenance commands and equipment events over ${mqttUrl}`,
      `  probes on http://${config.HG_HOST}:${probe.port} (/livez, /readyz, /metrics)`,
    ],
    stop: async () => {
      readiness.drain();
      await loop.stop();
      await relay.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
      await probe.close();
    },
  };
});
