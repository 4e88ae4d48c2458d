import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';

/**
 * Rolls the embedded store's raw telemetry up into 1-minute and 1-hour aggregates and deletes
 * what is past retention, once a minute. (InfluxDB does the same itself with the retention
 * policies and continuous queries that `prepare()` set up.) Returns null for InfluxDB.
 */
export function startTelemetryMaintenance(ctx: RuntimeContext, intervalMs = 60_000): PeriodicTask | null {
  const store = ctx.telemetry;
  if (!(store instanceof EmbeddedTelemetryStore)) return null;
  return new PeriodicTask('telemetry rollup', intervalMs, async () => {
    await store.downsample(Date.now());
  }, ctx.log).start();
}
