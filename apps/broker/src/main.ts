import { openRuntimeContext, runService, startBroker } from '@hourglass/runtime-services';

/** The MQTT broker alone (devices authenticate against the shared database). */
runService('broker', async (config) => {
  const ctx = await openRuntimeContext(config);
  const broker = await startBroker(ctx);
  return {
    banner: [`Hourglass broker on ${broker.url}`],
    stop: async () => {
      await broker.close();
      await ctx.db.close();
    },
  };
});
