import {
  BROKER_PROBE_PORT,
  openRuntimeContext,
  runService,
  ServiceReadiness,
  startBroker,
  startProbeServer,
} from '@hourglass/runtime-services';

/** The MQTT broker alone (devices authenticate against the shared database), with `/livez`, `/readyz`, `/metrics`. */
runService('broker', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['broker']);
  let healthy = () => true;
  const probe = await startProbeServer(
    {
      readiness,
      metrics: ctx.metrics,
      checks: { broker: () => (healthy() ? null : 'closed, or its Redis is away') },
    },
    { port: config.HG_PROBE_PORT ?? BROKER_PROBE_PORT, host: config.HG_HOST },
  );
  const broker = await startBroker(ctx);
  healthy = () => broker.healthy();
  readiness.set('broker', true);
  const { tls, ws } = broker.ports;
  return {
    banner: [
      `Hourglass broker on ${broker.url}`,
      ...(tls !== undefined
        ? [
            `  MQTT over TLS on mqtts://${config.HG_HOST}:${tls}${config.HG_MQTT_TLS_CA ? ' (client certificates accepted)' : ''}`,
          ]
        : []),
      ...(ws !== undefined ? [`  MQTT over WebSocket on ws://${config.HG_HOST}:${ws}`] : []),
      `  probes on http://${config.HG_HOST}:${probe.port} (/livez, /readyz, /metrics)`,
    ],
    stop: async () => {
      readiness.drain();
      await broker.close();
      await ctx.db.close();
      await probe.close();
    },
  };
});
