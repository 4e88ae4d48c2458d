import {
  INGEST_PROBE_PORT,
  openRuntimeContext,
  runService,
  ServiceReadiness,
  startIngest,
  startProbeServer,
} from '@hourglass/runtime-services';

/** An ingest worker: subscribes to the broker at HG_MQTT_URL and writes telemetry to the store; `/livez`, `/readyz`, `/metrics`. */
runService('ingest', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['ingest']);
  const probe = await startProbeServer(
    { readiness, metrics: ctx.metrics },
    { port: config.HG_PROBE_PORT ?? INGEST_PROBE_PORT, host: config.HG_HOST },
  );
  const url = config.HG_MQTT_URL ?? `mqtt://127.0.0.1:${config.HG_MQTT_PORT}`;
  const ingest = await startIngest(ctx, url, config.HG_INGEST_SHARE_GROUP).catch(
    async (error: Error) => {
      await probe.close();
      throw error;
    },
  );
  readiness.set('ingest', true);
  ingest.subscriber?.on('disconnected', () => readiness.set('ingest', `disconnected from ${url}`));
  ingest.subscriber?.on('connected', () => readiness.set('ingest', true));
  return {
    banner: [
      `Hourglass ingest: ${url} -> ${ctx.telemetry.kind}${config.HG_INGEST_SHARE_GROUP ? ` (shared group ${config.HG_INGEST_SHARE_GROUP})` : ''}`,
      `  probes on http://${config.HG_HOST}:${probe.port} (/livez, /readyz, /metrics)`,
    ],
    stop: async () => {
      readiness.drain();
      await ingest.stop();
      await ctx.db.close();
      await probe.close();
    },
  };
});
