import type { PlatformConfig } from '@hourglass/platform-config';
import { DeviceError, DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  DEFAULT_CMAPSS_FILE,
  DEMO_FLEET_UNITS,
  startDemoFleet,
  type DemoFleet,
} from '@hourglass/simulator-cmapss';
import { startApi } from './api.runner';
import { startBilling } from './billing.runner';
import { startBroker } from './broker.runner';
import { createInProcessIngest } from './ingest.runner';
import { startScoring } from './scoring.runner';
import { startServiceLoop } from './service-loop.runner';
import { ServiceReadiness } from './probe.server';
import { RecorderFreshAssets } from './fresh-assets.adapter';
import { openRuntimeContext, stderrLog, type RuntimeContext } from './runtime-context';
import { startTelemetryMaintenance } from './telemetry-maintenance.runner';
import { startWebhookDelivery } from './webhook-delivery.runner';
import { PlanNotifications } from './plan-notifications';
import { notifyingWorkOrderEvents } from './work-order-events.adapter';
import { WorkOrderNotifications } from './work-order-notifications';
import { startDeviceNotifications } from './device-notifications.runner';

/** The whole platform in one process, as `npm start` runs it. */
export interface RunningPlatform {
  ctx: RuntimeContext;
  httpUrl: string;
  mqttUrl: string;
  fleet?: DemoFleet;
  /** What `/readyz` answers from: ready once everything started, not ready from the start of `stop()`. */
  readiness: ServiceReadiness;
  /** Graceful stop: devices first, then flush ingest, then the rest. */
  stop(): Promise<void>;
}

/** Options of {@link startPlatform}. */
export interface PlatformOptions {
  /** A built console (see ensureConsoleBuild) served at `/`; default none. */
  consoleDir?: string;
}

export async function startPlatform(
  config: PlatformConfig,
  log: (line: string) => void = stderrLog,
  options: PlatformOptions = {},
): Promise<RunningPlatform> {
  const ctx = await openRuntimeContext(config, log);
  const stack: Array<() => Promise<void>> = [() => ctx.telemetry.close(), () => ctx.db.close()];
  const readiness = new ServiceReadiness(['platform']);
  try {
    // Ingest runs inside the broker's process: a device's message is acknowledged once durable.
    const ingest = await createInProcessIngest(ctx);
    stack.unshift(() => ingest.stop());
    const broker = await startBroker(ctx, ctx.config.HG_MQTT_PORT, ingest.beforeAck);
    stack.unshift(() => broker.close());
    const webhooks = startWebhookDelivery(ctx);
    stack.unshift(() => webhooks.stop());
    const device = await startDeviceNotifications(ctx, broker.url);
    stack.unshift(() => device.stop());
    const notifications = new WorkOrderNotifications(
      webhooks.publisher,
      [device.consumer],
      ctx.log,
    );
    // Scoring hears of durable rows from ingest's recorder at once, not through `last_seen`.
    const scoring = await startScoring(ctx, {
      notifications,
      fresh: new RecorderFreshAssets(ingest.activity),
    });
    stack.unshift(() => scoring.stop());
    const billing = await startBilling(ctx);
    stack.unshift(() => billing.stop());
    const plans = new PlanNotifications(webhooks.publisher, [device.consumer], ctx.log);
    const maintenance = startServiceLoop(ctx, {
      notifications: { workOrders: notifications, plans },
    });
    stack.unshift(() => maintenance.stop());
    const rollup = startTelemetryMaintenance(ctx);
    if (rollup) stack.unshift(() => rollup.stop());
    const api = await startApi(ctx, {
      extraChecks: [{ name: 'mqtt-broker', check: async () => broker.healthy() }],
      activeModel: () => scoring.model.version,
      consoleDir: options.consoleDir,
      readiness,
      workOrderEvents: notifyingWorkOrderEvents(notifications),
    });
    stack.unshift(() => api.close());
    const httpUrl = `http://${config.HG_HOST}:${api.port}`;
    const fleet = config.HG_SIMULATOR === 'cmapss' ? await startFleet(ctx, broker.url) : undefined;
    if (fleet) stack.unshift(() => fleet.stop());
    readiness.set('platform', true);
    const stop = () => {
      readiness.drain();
      return unwind(stack, log);
    };
    return { ctx, httpUrl, mqttUrl: broker.url, fleet, readiness, stop };
  } catch (error) {
    await unwind(stack, log);
    throw error;
  }
}

async function startFleet(ctx: RuntimeContext, mqttUrl: string): Promise<DemoFleet> {
  const registry = new DeviceRegistryService(new DeviceRepository(ctx.db));
  return startDemoFleet({
    mqttUrl,
    units: DEFAULT_CMAPSS_FILE,
    unitIds: DEMO_FLEET_UNITS,
    fleetSize: ctx.config.HG_SIM_DEVICES,
    speed: ctx.config.HG_SIM_SPEED,
    log: (line) => ctx.log(`simulator: ${line}`),
    provision: async (deviceId) => {
      try {
        return (await registry.provision(PROVIDER_SCOPE, { id: deviceId, type: 'turbofan' }))
          .credentials;
      } catch (error) {
        if (error instanceof DeviceError && error.code === 'DEVICE_EXISTS') {
          return registry.rotateCredentials(PROVIDER_SCOPE, deviceId);
        }
        throw error;
      }
    },
  });
}

async function unwind(
  stack: Array<() => Promise<void>>,
  log: (line: string) => void,
): Promise<void> {
  for (const step of stack.splice(0)) {
    await step().catch((error: Error) => log(`shutdown: ${error.message}`));
  }
}
