import {
  adminTokenLine,
  ensureConsoleBuild,
  runService,
  startPlatform,
  stderrLog,
} from '@hourglass/runtime-services';
import { DEMO_FLEET_DEFAULTS } from '@hourglass/simulator-cmapss';

/** `npm start`: the whole platform on embedded defaults with a simulated fleet, and the console at `/`. */
runService('hourglass', async (config) => {
  // Built on the first start (and after the console's sources change); later starts reuse dist.
  const consoleBuild = ensureConsoleBuild({ log: stderrLog });
  const platform = await startPlatform(config, stderrLog, { consoleDir: consoleBuild.dir });
  return {
    stop: platform.stop,
    banner: [
      'Hourglass is running',
      `  console / REST API : ${platform.httpUrl}   (OpenAPI: ${platform.httpUrl}/api/docs)`,
      `  MQTT               : ${platform.mqttUrl}`,
      `  admin token        : ${adminTokenLine(config)}`,
      `  storage            : sql ${platform.ctx.db.kind}, telemetry ${platform.ctx.telemetry.kind}, data dir ${config.HG_DATA_DIR}`,
      `  simulated fleet    : ${platform.fleet ? `${config.HG_SIM_DEVICES ?? DEMO_FLEET_DEFAULTS.fleetSize} engines at ${config.HG_SIM_SPEED ?? DEMO_FLEET_DEFAULTS.speed} cycles/s` : 'off'}`,
      '  Ctrl-C stops it gracefully.',
    ],
  };
});
