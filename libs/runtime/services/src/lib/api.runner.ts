import { resolve } from 'node:path';
import { startHttpApi, ApiContext, type HealthCheck } from '@hourglass/api-http';
import { ContractRepository } from '@hourglass/billing-records';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import { DeadLetterRepository } from '@hourglass/telemetry-ingest';
import { attachProbes, ServiceReadiness } from './probe.server';
import type { RuntimeContext } from './runtime-context';

/**
 * Starts the REST API on HG_HTTP_PORT; `extraChecks` add dependencies to `/health`. `/livez` and
 * `/readyz` answer from `readiness` (default: ready once listening).
 */
export async function startApi(
  ctx: RuntimeContext,
  options: { port?: number; extraChecks?: HealthCheck[]; activeModel?: () => string | null; readiness?: ServiceReadiness } = {},
) {
  const checks: HealthCheck[] = [
    { name: ctx.db.kind === 'postgres' ? 'postgresql' : 'embedded-sql', check: () => ctx.db.ping() },
    { name: ctx.telemetry.kind === 'influxdb' ? 'influxdb' : 'embedded-telemetry', check: () => ctx.telemetry.ping() },
    ...(options.extraChecks ?? []),
  ];
  const context = new ApiContext(
    ctx.config.HG_ADMIN_TOKEN,
    ctx.db,
    new DeviceRegistryService(new DeviceRepository(ctx.db), undefined, ctx.deviceEvents),
    ctx.telemetry,
    new TaskRepository(ctx.db),
    new ContractRepository(ctx.db),
    new DeadLetterRepository(ctx.db),
    ctx.metrics,
    checks,
    resolve(ctx.config.HG_MODEL_DIR),
    options.activeModel ?? (() => null),
  );
  const api = await startHttpApi(context, { port: options.port ?? ctx.config.HG_HTTP_PORT, host: ctx.config.HG_HOST, log: ctx.log });
  attachProbes(api.app.getHttpServer(), { readiness: options.readiness ?? new ServiceReadiness(), metrics: ctx.metrics });
  return api;
}
