import { openRuntimeContext, runService, startBroker } from '@hourglass/runtime-services';

/** The MQTT broker alone (devices authenticate against the shared database). */
runService('broker', async (config) => {
  const ctx = await openRuntimeContext(config);
  const broker = await startBroker(ctx);
  const { tls, ws } = broker.ports;
  return {
    banner: [
      `Hourglass broker on ${broker.url}`,
      ...(tls !== undefined ? [`  MQTT over TLS on mqtts://${config.HG_HOST}:${tls}${config.HG_MQTT_TLS_CA ? ' (client certificates accepted)' : ''}`] : []),
      ...(ws !== undefined ? [`  MQTT over WebSocket on ws://${config.HG_HOST}:${ws}`] : []),
    ],
    stop: async () => {
      await broker.close();
      await ctx.db.close();
    },
  };
});
