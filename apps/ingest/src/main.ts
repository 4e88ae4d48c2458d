import { openRuntimeContext, runService, startIngest } from '@hourglass/runtime-services';

/** An ingest worker: subscribes to the broker at HG_MQTT_URL and writes telemetry to the store. */
runService('ingest', async (config) => {
  const ctx = await openRuntimeContext(config);
  const url = config.HG_MQTT_URL ?? `mqtt://127.0.0.1:${config.HG_MQTT_PORT}`;
  const ingest = await startIngest(ctx, url, config.HG_INGEST_SHARE_GROUP);
  return {
    banner: [`Hourglass ingest: ${url} -> ${ctx.telemetry.kind}${config.HG_INGEST_SHARE_GROUP ? ` (shared group ${config.HG_INGEST_SHARE_GROUP})` : ''}`],
    stop: async () => {
      await ingest.stop();
      await ctx.db.close();
    },
  };
});
