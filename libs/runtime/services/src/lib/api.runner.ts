import { resolve } from 'node:path';
import {
  startHttpApi,
  ApiContext,
  contractHealthAdapters,
  type HealthCheck,
  type TelemetryIntake,
} from '@hourglass/api-http';
import {
  BillingCorrectionService,
  BillingRunService,
  BillingStores,
  ContractHealthService,
  ContractRepository,
  ContractService,
} from '@hourglass/billing-records';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { TaskRepository, type WorkOrderEvents } from '@hourglass/maintenance-tasks';
import { DeadLetterRepository } from '@hourglass/telemetry-ingest';
import type { CaseLibraryOptions } from '@hourglass/service-cases';
import { serviceAccounts } from './broker.runner';
import { attachProbes, ServiceReadiness } from './probe.server';
import type { RuntimeContext } from './runtime-context';
import { caseLibrarySettings } from './case-library.settings';

/**
 * Starts the REST API on HG_HTTP_PORT; `extraChecks` add dependencies to `/health`; `consoleDir`: a
 * built console served at `/`. `/livez` and `/readyz` answer from `readiness` (default: ready once listening).
 */
export async function startApi(
  ctx: RuntimeContext,
  options: {
    port?: number;
    extraChecks?: HealthCheck[];
    activeModel?: () => string | null;
    consoleDir?: string;
    readiness?: ServiceReadiness;
    /** Where work-order changes made through the API go (see `notifyingWorkOrderEvents`; default nowhere). */
    workOrderEvents?: WorkOrderEvents;
    /** Ingest in this process: `POST /api/devices/{id}/telemetry` goes there (default none: 503). */
    telemetryIntake?: TelemetryIntake;
    /** Settings of the case library (default {@link caseLibrarySettings} of a process without the simulator). */
    caseLibrary?: CaseLibraryOptions;
  } = {},
) {
  const checks: HealthCheck[] = [
    {
      name: ctx.db.kind === 'postgres' ? 'postgresql' : 'embedded-sql',
      check: () => ctx.db.ping(),
    },
    {
      name: ctx.telemetry.kind === 'influxdb' ? 'influxdb' : 'embedded-telemetry',
      check: () => ctx.telemetry.ping(),
    },
    ...(options.extraChecks ?? []),
  ];
  const stores = new BillingStores(ctx.db);
  const runs = new BillingRunService(ctx.db, stores);
  const context = new ApiContext({
    adminToken: ctx.config.HG_ADMIN_TOKEN,
    db: ctx.db,
    devices: new DeviceRegistryService(new DeviceRepository(ctx.db), undefined, ctx.deviceEvents),
    telemetry: ctx.telemetry,
    tasks: new TaskRepository(ctx.db),
    contracts: new ContractRepository(ctx.db),
    deadLetters: new DeadLetterRepository(ctx.db),
    billing: {
      stores,
      runs,
      contracts: new ContractService(stores),
      health: new ContractHealthService({
        stores,
        billing: runs,
        ...contractHealthAdapters(ctx.db),
      }),
      corrections: new BillingCorrectionService(stores),
    },
    metrics: ctx.metrics,
    healthChecks: checks,
    models: {
      dir: resolve(ctx.config.HG_MODEL_DIR),
      active: options.activeModel ?? (() => null),
      pinned: ctx.config.HG_MODEL_VERSION,
    },
    workOrderEvents: options.workOrderEvents,
    telemetryIntake: options.telemetryIntake,
    caseLibrary: options.caseLibrary ?? caseLibrarySettings(ctx.config, false),
    // An external broker (EMQX) authenticates and authorises through the api with the same rules.
    mqttHooks: {
      services: serviceAccounts(ctx.serviceSecret),
      secret: ctx.serviceSecret('svc-mqtt-hooks'),
    },
  });
  const api = await startHttpApi(context, {
    port: options.port ?? ctx.config.HG_HTTP_PORT,
    host: ctx.config.HG_HOST,
    log: ctx.log,
    accessLog: ctx.config.HG_ACCESS_LOG === 'on' ? ctx.log : undefined,
    consoleDir: options.consoleDir,
  });
  attachProbes(api.app.getHttpServer(), {
    readiness: options.readiness ?? new ServiceReadiness(),
    metrics: ctx.metrics,
  });
  return api;
}
