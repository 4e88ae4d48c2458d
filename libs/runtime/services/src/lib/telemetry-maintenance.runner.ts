import { EmbeddedTelemetryStore, TelemetryRollupJob } from '@hourglass/telemetry-store';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';

/**
 * Schedules the embedded store's rollup round ({@link TelemetryRollupJob}) once a minute. InfluxDB
 * rolls up by itself with the retention policies and continuous queries that `prepare()` set up,
 * so this returns null for it.
 */
export function startTelemetryMaintenance(
  ctx: RuntimeContext,
  intervalMs = 60_000,
): PeriodicTask | null {
  const store = ctx.telemetry;
  if (!(store instanceof EmbeddedTelemetryStore)) return null;
  const rollup = new TelemetryRollupJob(store);
  return new PeriodicTask(
    'telemetry rollup',
    intervalMs,
    async () => {
      await rollup.run();
    },
    ctx.log,
    ctx.metrics,
  ).start();
}
