import type { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BillingCorrectionService,
  BillingRunService,
  BillingStores,
  ContractHealthService,
  ContractRepository,
  ContractService,
} from '@hourglass/billing-records';
import { DeviceRegistryService, DeviceRepository } from '@hourglass/devices-registry';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { DeadLetterRepository } from '@hourglass/telemetry-ingest';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { ApiContext, type HealthCheck, type MqttHookSettings } from '../api-context';
import type { AuthThrottleOptions } from '../auth/auth-failure.throttle';
import type { SignInSettings } from '../auth/password.service';
import type { LiveOptions } from '../live/live-event.hub';
import { contractHealthAdapters } from '../contract-health.adapters';
import { startHttpApi } from '../http-api';

/** The admin token of the fixture API. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The model version the fixture registry holds. */
export const MODEL_VERSION = 'fd-v1@aaaaaaaaaaaa';

/** A loosely typed JSON answer (shapes are asserted by the tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * Two tenants, `acme` and `globex`, each with a device, an asset (`<tenant>-1`) and an open task
 * (`<tenant>-task`); a model registry with one version. No contracts: the tests create them.
 */
export async function seedTwoTenants(db: SqlDatabase): Promise<void> {
  for (const tenant of ['acme', 'globex']) {
    const id = `${tenant}-1`;
    await db.query(`insert into tenants (id, name) values ($1, $1)`, [tenant]);
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, $2, 'turbofan', $1, 'x')`,
      [id, tenant],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) values ($1, $2, $1, 'turbofan')`,
      [id, tenant],
    );
    await db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type)
       values ($1, $2, $3, 'hpc-module', 'OPEN', 'HIGH', 12, 0.9, 'm@1', now(), 'turbofan')`,
      [`${tenant}-task`, tenant, id],
    );
  }
}

function modelRegistry(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-api-users-'));
  mkdirSync(join(dir, 'fd-v1'));
  writeFileSync(
    join(dir, 'fd-v1', 'model-card.json'),
    JSON.stringify({ version: MODEL_VERSION, metrics: { rmse: 12 } }),
  );
  return dir;
}

/** What a spec may change in {@link startFixtureApi}. */
export interface FixtureApiOptions {
  /** Default {@link ADMIN_TOKEN}. */
  adminToken?: string;
  /** Model registry folder (default: a temporary one holding {@link MODEL_VERSION}). */
  modelsDir?: string;
  /** The version scoring uses now (default none). */
  activeModel?: () => string | null;
  /** Dependencies `/health` reports (default none). */
  healthChecks?: HealthCheck[];
  /** Failed-token throttling (default `DEFAULT_AUTH_THROTTLE`). */
  authThrottle?: Partial<AuthThrottleOptions>;
  /** A built console to serve at `/` (default none). */
  consoleDir?: string;
  /** The external broker's MQTT hooks (default not served). */
  mqttHooks?: MqttHookSettings;
  /** Sign-in by password: session length and throttling (default `DEFAULT_SIGN_IN`). */
  signIn?: SignInSettings;
  /** Live updates (default `DEFAULT_LIVE`). */
  live?: Partial<LiveOptions>;
}

/** The whole REST API on a free loopback port over `db`. */
export async function startFixtureApi(
  db: SqlDatabase,
  options: FixtureApiOptions = {},
): Promise<{ app: INestApplication; port: number; close: () => Promise<void> }> {
  const stores = new BillingStores(db);
  const runs = new BillingRunService(db, stores);
  const context = new ApiContext({
    adminToken: options.adminToken ?? ADMIN_TOKEN,
    db,
    devices: new DeviceRegistryService(new DeviceRepository(db)),
    telemetry: await EmbeddedTelemetryStore.open(db),
    tasks: new TaskRepository(db),
    contracts: new ContractRepository(db),
    deadLetters: new DeadLetterRepository(db),
    billing: {
      stores,
      runs,
      contracts: new ContractService(stores),
      health: new ContractHealthService({ stores, billing: runs, ...contractHealthAdapters(db) }),
      corrections: new BillingCorrectionService(stores),
    },
    metrics: new MetricsRegistry({ defaultMetrics: false }),
    healthChecks: options.healthChecks ?? [],
    authThrottle: options.authThrottle,
    signIn: options.signIn,
    live: options.live,
    models: {
      dir: options.modelsDir ?? modelRegistry(),
      active: options.activeModel ?? (() => null),
    },
    mqttHooks: options.mqttHooks,
  });
  return startHttpApi(context, { port: 0, consoleDir: options.consoleDir });
}

/** A JSON call with a bearer token (none when `token` is null). */
export async function call(
  port: number,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A request as one caller: method, path and an optional JSON body. */
export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: Json }>;

/** The API of {@link startFixtureApi} with a caller as the admin, the provider user and the customer user. */
export interface RoleCallers {
  api: { app: INestApplication; port: number; close: () => Promise<void> };
  admin: ApiCall;
  provider: ApiCall;
  customer: ApiCall;
}

/** {@link startFixtureApi} over `db`, then `pat@provider` and `cora@acme` created, each with its caller. */
export async function startApiWithProviderAndCustomer(
  db: SqlDatabase,
  options: FixtureApiOptions = {},
): Promise<RoleCallers> {
  const api = await startFixtureApi(db, options);
  const as =
    (token: string): ApiCall =>
    (method, path, body) =>
      call(api.port, token, method, path, body);
  const admin = as(options.adminToken ?? ADMIN_TOKEN);
  const tokens = await createProviderAndCustomer(admin);
  return { api, admin, provider: as(tokens.provider), customer: as(tokens.customer) };
}

/** Creates the provider user `pat@provider` and the customer `cora@acme` through `admin`; their tokens. */
export async function createProviderAndCustomer(
  admin: ApiCall,
): Promise<{ provider: string; customer: string }> {
  const tokens: string[] = [];
  for (const [name, role, tenantId] of [
    ['pat@provider', 'provider', undefined],
    ['cora@acme', 'customer', 'acme'],
  ] as const) {
    const user = await admin('POST', '/api/users', { name, role, tenantId });
    if (user.status !== 201)
      throw new Error(`creating ${name}: ${user.status} ${JSON.stringify(user.body)}`);
    tokens.push(user.body.token);
  }
  return { provider: tokens[0], customer: tokens[1] };
}
