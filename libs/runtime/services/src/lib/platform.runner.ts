import type { PlatformConfig } from '@hourglass/platform-config';
import type { DemoFleet, FieldTechnician } from '@hourglass/simulator-cmapss';
import {
  seedDemoCustomers,
  seedDemoPastCases,
  startDemoLoop,
  type DemoLoopOptions,
} from './demo-loop.runner';
import { caseLibrarySettings } from './case-library.settings';
import { startApi } from './api.runner';
import { startBilling } from './billing.runner';
import { startBroker } from './broker.runner';
import { createInProcessIngest } from './ingest.runner';
import { brokerSparkplugPublisher } from './sparkplug.adapters';
import { startScoring } from './scoring.runner';
import { startServiceLoop } from './service-loop.runner';
import { ServiceReadiness } from './probe.server';
import { RecorderFreshAssets } from './fresh-assets.adapter';
import {
  openRuntimeContext,
  stderrLog,
  type ProcessLogger,
  type RuntimeContext,
} from './runtime-context';
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
  /** The demo fleet's field technician and its ledger of prevented and missed failures. */
  technician?: FieldTechnician;
  /** What `/readyz` answers from: ready once everything started, not ready from the start of `stop()`. */
  readiness: ServiceReadiness;
  /** Graceful stop: devices first, then flush ingest, then the rest. */
  stop(): Promise<void>;
}

/** Options of {@link startPlatform}. */
export interface PlatformOptions {
  /** A built console (see ensureConsoleBuild) served at `/`; default none. */
  consoleDir?: string;
  /** Overrides of the demo fleet and its technician (tests). */
  demo?: DemoLoopOptions;
}

export async function startPlatform(
  config: PlatformConfig,
  log: ProcessLogger = stderrLog,
  options: PlatformOptions = {},
): Promise<RunningPlatform> {
  const ctx = await openRuntimeContext(config, log);
  const demo = config.HG_SIMULATOR === 'cmapss';
  // The simulated fleet's engines live minutes: the case library's window follows their clock.
  const caseLibrary = caseLibrarySettings(config, demo);
  const stack: Array<() => Promise<void>> = [() => ctx.telemetry.close(), () => ctx.db.close()];
  const readiness = new ServiceReadiness(['platform']);
  try {
    // Ingest runs inside the broker's process: a device's message is acknowledged once durable.
    const ingest = await createInProcessIngest(ctx);
    stack.unshift(() => ingest.stop());
    const broker = await startBroker(ctx, ctx.config.HG_MQTT_PORT, ingest.beforeAck);
    stack.unshift(() => broker.close());
    ingest.sparkplug.attach(brokerSparkplugPublisher(broker));
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
      caseLibrary,
    });
    stack.unshift(() => scoring.stop());
    // Before billing's first round: the seeded months are rated by the seed, the current one by the round.
    if (demo && options.demo?.customers !== false) await seedDemoCustomers(ctx);
    if (demo && options.demo?.cases !== false)
      await seedDemoPastCases(ctx, caseLibrary, options.demo?.fleet);
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
      // HTTP telemetry takes the MQTT path's ingest: its 200 means durable, as a PUBACK does.
      telemetryIntake: ingest.service,
      caseLibrary,
    });
    stack.unshift(() => api.close());
    const httpUrl = `http://${config.HG_HOST}:${api.port}`;
    const loop = demo
      ? await startDemoLoop(ctx, { mqttUrl: broker.url, httpUrl }, options.demo)
      : undefined;
    if (loop) stack.unshift(() => loop.stop());
    readiness.set('platform', true);
    const stop = () => {
      readiness.drain();
      return unwind(stack, log);
    };
    const { fleet, technician } = loop ?? {};
    return { ctx, httpUrl, mqttUrl: broker.url, fleet, technician, readiness, stop };
  } catch (error) {
    await unwind(stack, log);
    throw error;
  }
}

async function unwind(
  stack: Array<() => Promise<void>>,
  log: (line: string) => void,
): Promise<void> {
  for (const step of stack.splice(0)) {
    await step().catch((error: Error) => log(`shutdown: ${error.message}`));
  }
}
