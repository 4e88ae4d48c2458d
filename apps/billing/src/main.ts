import {
  BILLING_PROBE_PORT,
  openRuntimeContext,
  runService,
  ServiceReadiness,
  startBilling,
  startProbeServer,
} from '@hourglass/runtime-services';

/**
 * Billing rounds of every contract (one process: runs are idempotent, but two would do the work
 * twice); `/livez`, `/readyz`, `/metrics` on HG_PROBE_PORT.
 */
runService('billing', async (config) => {
  const ctx = await openRuntimeContext(config);
  const readiness = new ServiceReadiness(['billing']);
  const probe = await startProbeServer(
    { readiness, metrics: ctx.metrics },
    { port: config.HG_PROBE_PORT ?? BILLING_PROBE_PORT, host: config.HG_HOST },
  );
  const billing = await startBilling(ctx);
  readiness.set('billing', true);
  return {
    banner: [
      `Hourglass billing: a round every ${config.HG_BILLING_INTERVAL_MS} ms`,
      `  probes on http://${config.HG_HOST}:${probe.port} (/livez, /readyz, /metrics)`,
    ],
    stop: async () => {
      readiness.drain();
      await billing.stop();
      await ctx.telemetry.close();
      await ctx.db.close();
      await probe.close();
    },
  };
});
