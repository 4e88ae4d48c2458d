import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { API_ROUTES, type ApiResponseOf, type ApiRouteKey } from '@hourglass/contracts-api';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import {
  ADMIN_TOKEN,
  createProviderAndCustomer,
  call,
  seedTwoTenants,
  startFixtureApi,
} from '../controllers/users-api.fixture';
import { callRoute, type RouteCall } from './typed-call.fixture';
import { operationsOf, operationsWithoutResponseSchema } from './route-schemas';

/**
 * Routes whose answers are not in `API_ROUTES` yet. This list only shrinks: a new route must not
 * join it, and a route documented since must leave it (both fail below).
 */
const NOT_YET_DOCUMENTED = new Set<string>([]);

/** A model registry folder holding a model card for each version. */
function modelRegistry(versions: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-openapi-models-'));
  for (const v of versions) {
    mkdirSync(join(dir, v));
    writeFileSync(join(dir, v, 'model-card.json'), JSON.stringify({ version: `${v}@${v}` }));
  }
  // The served model's real evaluation report, as `npm run model:evaluate` writes it.
  copyFileSync(
    join(__dirname, '../../../../../../models/fd001-mlp-v3/evaluation.json'),
    join(dir, versions[versions.length - 1], 'evaluation.json'),
  );
  return dir;
}

const FAULT_AT = '2025-01-10T00:00:00.000Z';

const HOOK_SECRET = 'hook-secret-0123456789';

const HOW_TO = `Every route documents its success answer with a zod schema from @hourglass/contracts-api:
  1. write (or reuse) the response schema in libs/contracts/api/src/lib/schemas/<domain>.schemas.ts
     (z.strictObject, so a field the code adds without documenting it fails the response spec);
  2. add the route to API_ROUTES in libs/contracts/api/src/lib/api-routes.ts, keyed as OpenAPI
     writes it ('GET /api/things/{id}': ok(thingResponseSchema); noContent for 204; body: the zod
     schema the controller validates its body with);
  3. add one call of it to SAMPLES in libs/api/http/src/lib/openapi/openapi-responses.integration-spec.ts
     so its real answer is checked against the schema.`;

describe('OpenAPI response schemas', () => {
  let db: SqlDatabase;
  let api: Awaited<ReturnType<typeof startFixtureApi>>;
  let document: OpenAPIObject;
  const tokens = { admin: ADMIN_TOKEN, provider: '', customer: '', hook: HOOK_SECRET };
  /** Ids the samples need, known once the API runs. */
  const ids = {
    customerUser: '',
    rule: '',
    plan: '',
    webhook: '',
    delivery: '',
    window: '',
    touch: '',
    override: '',
    user: '',
  };

  beforeAll(async () => {
    db = await openTestDatabase({});
    await seedTwoTenants(db);
    // One billing event of acme-1 to list and to correct.
    await db.query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ('acme-1', 'acme', $1, 'STATE', 'FAULT')`,
      [FAULT_AT],
    );
    api = await startFixtureApi(db, {
      mqttHooks: { services: [], secret: HOOK_SECRET },
      modelsDir: modelRegistry(['fd-v1', 'fd-v2']),
    });
    const admin = (method: string, path: string, body?: unknown) =>
      call(api.port, ADMIN_TOKEN, method, path, body);
    Object.assign(tokens, await createProviderAndCustomer(admin));
    document = (await admin('GET', '/api/docs/openapi.json')).body as OpenAPIObject;
    const users = await callRoute(api.port, ADMIN_TOKEN, 'GET /api/users');
    ids.customerUser = users.body.items.find((u) => u.name === 'cora@acme')?.id ?? '';
  }, 120_000);

  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it('documents a 2xx answer with a schema for every operation', () => {
    const missing = operationsWithoutResponseSchema(document);
    const offenders = missing.filter((op) => !NOT_YET_DOCUMENTED.has(op));
    const documentedSince = [...NOT_YET_DOCUMENTED].filter((op) => !missing.includes(op));
    if (offenders.length)
      throw new Error(
        `Operations without a response schema:\n  ${offenders.join('\n  ')}\n${HOW_TO}`,
      );
    if (documentedSince.length)
      throw new Error(
        `Documented now: remove from NOT_YET_DOCUMENTED in this spec:\n  ${documentedSince.join('\n  ')}`,
      );
  });

  it('has no route in API_ROUTES that the API does not serve', () => {
    const served = new Set(operationsOf(document).map(([key]) => key));
    expect(Object.keys(API_ROUTES).filter((key) => !served.has(key))).toEqual([]);
  });

  it('documents the error answer of every operation', () => {
    const without = operationsOf(document).filter(([, op]) => !op.responses.default);
    expect(without.map(([key]) => key)).toEqual([]);
  });

  const PERIOD = { query: { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } };
  const PASSWORD = 'correct horse battery';
  const NEXT_MONTHS = {
    query: {
      from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      to: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    },
  };
  type Caller = keyof typeof tokens | 'none';
  /** One call of a documented route, checked against its documented answer. */
  const sample = <K extends ApiRouteKey>(
    caller: Caller,
    key: K,
    request: () => RouteCall<K> = () => ({}),
    remember?: (body: ApiResponseOf<K>) => void,
  ) => ({
    name: `${caller}: ${key}`,
    issues: async () => {
      const token = caller === 'none' ? null : tokens[caller];
      const answer = await callRoute(api.port, token, key, request());
      if (answer.issues.length === 0) remember?.(answer.body);
      return answer.issues;
    },
  });
  const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };
  const CONTRACT = { params: { id: 'acme-c' } };
  const PERIOD_2025_01 = { params: { id: 'acme-c', period: '2025-01' } };
  const ACME_TASK = { params: { id: 'acme-task' } };
  const CONDITION = { metric: 'egt', operator: 'ABOVE', limit: 900 } as const;
  const RULE = {
    name: 'hot',
    assetType: 'turbofan',
    condition: CONDITION,
    component: 'hpc-module',
  };
  const SAMPLES = [
    sample('none', 'GET /health'),
    sample('admin', 'GET /api/me'),
    sample('customer', 'GET /api/me'),
    sample('admin', 'GET /api/assets'),
    sample('customer', 'GET /api/assets/{id}', () => ({ params: { id: 'acme-1' } })),
    sample('admin', 'GET /api/assets/{id}/telemetry', () => ({ params: { id: 'acme-1' } })),
    sample('customer', 'GET /api/assets/{id}/scores', () => ({ params: { id: 'acme-1' } })),
    sample('admin', 'GET /api/tasks', () => ({ query: { limit: 1 } })),
    sample('customer', 'GET /api/tasks'),
    sample('admin', 'GET /api/tasks/{id}', () => ({ params: { id: 'acme-task' } })),
    sample('provider', 'PATCH /api/tasks/{id}', () => ({
      params: { id: 'globex-task' },
      body: { status: 'ACKNOWLEDGED' },
    })),
    sample('admin', 'GET /api/tasks/{id}/history', () => ({ params: { id: 'globex-task' } })),
    sample('admin', 'GET /api/failure-codes/{assetType}', () => ({
      params: { assetType: 'turbofan' },
    })),
    sample('admin', 'POST /api/devices', () => ({
      body: { id: 'dev-9', type: 'pump', tenantId: 'acme' },
    })),
    sample('admin', 'GET /api/devices'),
    sample('customer', 'GET /api/devices/{id}', () => ({ params: { id: 'acme-1' } })),
    sample('admin', 'POST /api/devices/{id}/credentials', () => ({ params: { id: 'dev-9' } })),
    sample('admin', 'GET /api/users'),
    sample('admin', 'GET /api/users/{id}', () => ({ params: { id: ids.customerUser } })),
    sample('admin', 'GET /api/models'),
    sample('admin', 'GET /api/models/history'),
    sample('admin', 'GET /api/models/{version}/evaluation', () => ({
      params: { version: 'fd-v2' },
    })),
    sample('admin', 'GET /api/kpis', () => PERIOD),
    sample('customer', 'GET /api/kpis', () => PERIOD),
    sample('admin', 'GET /api/parts/forecast'),
    sample(
      'provider',
      'POST /api/rules',
      () => ({ body: RULE }),
      (r) => (ids.rule = r.id),
    ),
    sample('admin', 'GET /api/rules'),
    sample('admin', 'GET /api/rules/{id}', () => ({ params: { id: ids.rule } })),
    sample('provider', 'PUT /api/rules/{id}', () => ({ params: { id: ids.rule }, body: RULE })),
    sample('provider', 'POST /api/rules/backtest', () => ({
      body: { assetType: 'turbofan', condition: CONDITION, ...PERIOD.query },
    })),
    sample(
      'provider',
      'POST /api/maintenance-plans',
      () => ({
        body: {
          tenantId: 'acme',
          name: 'filter',
          assetId: 'acme-1',
          component: 'filter',
          intervalDays: 30,
        },
      }),
      (plan) => (ids.plan = plan.id),
    ),
    sample('customer', 'GET /api/maintenance-plans'),
    sample('admin', 'GET /api/maintenance-plans/{id}', () => ({ params: { id: ids.plan } })),
    sample('provider', 'PATCH /api/maintenance-plans/{id}', () => ({
      params: { id: ids.plan },
      body: { leadDays: 3 },
    })),
    sample('admin', 'GET /api/maintenance-plans/{id}/schedule', () => ({
      params: { id: ids.plan },
    })),
    sample(
      'provider',
      'POST /api/webhooks',
      () => ({
        body: { tenantId: 'acme', url: 'http://127.0.0.1:9/hooks', eventTypes: ['plan.reminder'] },
      }),
      (hook) => (ids.webhook = hook.id),
    ),
    sample('admin', 'GET /api/webhooks'),
    sample('customer', 'GET /api/webhooks/{id}', () => ({ params: { id: ids.webhook } })),
    sample('provider', 'PATCH /api/webhooks/{id}', () => ({
      params: { id: ids.webhook },
      body: { rotateSecret: true as const },
    })),
    sample(
      'provider',
      'POST /api/webhooks/{id}/test',
      () => ({ params: { id: ids.webhook } }),
      (delivery) => (ids.delivery = delivery.id),
    ),
    sample('admin', 'GET /api/webhooks/{id}/deliveries', () => ({ params: { id: ids.webhook } })),
    sample('provider', 'POST /api/webhooks/{id}/deliveries/{deliveryId}/replay', () => ({
      params: { id: ids.webhook, deliveryId: ids.delivery },
    })),
    sample('admin', 'POST /api/partners', () => ({
      body: { id: 'p-north', name: 'North Service', regions: ['north'], skills: ['turbofan'] },
    })),
    sample('admin', 'GET /api/partners'),
    sample('admin', 'POST /api/technicians', () => ({
      body: { id: 't-1', name: 'Tess', partnerId: 'p-north', skills: ['turbofan'] },
    })),
    sample('admin', 'GET /api/technicians'),
    sample('provider', 'POST /api/tasks/{id}/assignment', () => ({
      ...ACME_TASK,
      body: {
        mode: 'HAND',
        region: 'north',
        plannedAt: '2026-01-02T08:00:00Z',
        partnerId: 'p-north',
        technicianId: 't-1',
      },
    })),
    sample('admin', 'GET /api/assignments'),
    sample('customer', 'GET /api/tasks/{id}/assignments', () => ACME_TASK),
    sample('provider', 'POST /api/tasks/{id}/visits', () => ({
      ...ACME_TASK,
      body: {
        technicianId: 't-1',
        arrivedAt: '2026-01-02T09:00:00Z',
        outcome: 'FIXED',
        partsSource: 'SUGGESTION',
      },
    })),
    sample('admin', 'GET /api/tasks/{id}/visits', () => ACME_TASK),
    sample('provider', 'PUT /api/tasks/{id}/service-account', () => ({
      ...ACME_TASK,
      body: { revenue: '900.00', partsCost: '300.00', labourCost: '200', travelCost: '50.5' },
    })),
    sample('provider', 'GET /api/partners/{id}', () => ({ params: { id: 'p-north' } })),
    sample('admin', 'GET /api/service-network/figures', () => PERIOD),
    sample('admin', 'GET /api/cases'),
    sample('admin', 'GET /api/cases/hit-rate'),
    sample('admin', 'GET /api/tasks/{id}/suggestion', () => ACME_TASK),
    sample('provider', 'POST /api/tasks/{id}/suggestion', () => ACME_TASK),
    sample('admin', 'GET /api/tasks/{id}/diagnosis', () => ACME_TASK),
    sample('admin', 'GET /api/nps', () => PERIOD),
    sample('customer', 'GET /api/customers/{tenantId}/health', () => ({
      params: { tenantId: 'acme' },
    })),
    sample('admin', 'GET /api/churn-warnings'),
    sample('provider', 'PUT /api/segments/rules', () => ({
      body: [{ segment: 'DORMANT', when: { r: { max: 1 } } }],
    })),
    sample('admin', 'GET /api/segments'),
    sample('customer', 'GET /api/segments'),
    sample('admin', 'GET /api/portfolio/matrix'),
    sample('admin', 'GET /api/lifecycle-stages', () => NEXT_MONTHS),
    sample(
      'admin',
      'GET /api/touches',
      () => NEXT_MONTHS,
      (touches) => (ids.touch = touches.items[0]?.id ?? 'no-touch-due'),
    ),
    sample('admin', 'PUT /api/touches/{id}/outcome', () => ({
      params: { id: ids.touch },
      body: { outcome: 'DONE', note: 'welcomed' },
    })),
    sample('admin', 'PUT /api/portfolio/matrix/thresholds', () => ({
      body: { customerValue: 60, marginPct: 20 },
    })),
    sample('admin', 'POST /api/contracts', () => ({
      body: {
        id: 'acme-c',
        name: 'Acme uptime',
        tenantId: 'acme',
        assetIds: ['acme-1'],
        effectiveFrom: '2025-01-01T00:00:00Z',
        terms: TERMS,
      },
    })),
    sample('admin', 'GET /api/contracts'),
    sample('customer', 'GET /api/contracts/{id}', () => CONTRACT),
    sample('provider', 'POST /api/contracts/{id}/versions', () => ({
      ...CONTRACT,
      body: { effectiveFrom: '2025-07-01T00:00:00Z', terms: { ...TERMS, ratePerHour: '110.00' } },
    })),
    sample('provider', 'POST /api/contracts/{id}/assets', () => ({
      ...CONTRACT,
      body: { assetId: 'dev-9' },
    })),
    sample('provider', 'DELETE /api/contracts/{id}/assets/{assetId}', () => ({
      params: { id: 'acme-c', assetId: 'dev-9' },
    })),
    sample('provider', 'POST /api/contracts/{id}/billing-runs', () => ({
      ...CONTRACT,
      body: { period: '2025-01' },
    })),
    sample('customer', 'GET /api/contracts/{id}/billing-records', () => CONTRACT),
    sample('customer', 'GET /api/contracts/{id}/billing-records/{period}', () => PERIOD_2025_01),
    sample(
      'admin',
      'GET /api/contracts/{id}/billing-records/{period}/intervals',
      () => PERIOD_2025_01,
    ),
    sample(
      'customer',
      'GET /api/contracts/{id}/billing-records/{period}/statement',
      () => PERIOD_2025_01,
    ),
    sample('admin', 'GET /api/contracts/{id}/health', () => CONTRACT),
    sample('customer', 'GET /api/contracts/{id}/health', () => CONTRACT),
    sample(
      'provider',
      'POST /api/contracts/{id}/windows',
      () => ({
        ...CONTRACT,
        body: {
          assetId: 'acme-1',
          kind: 'PLANNED_MAINT',
          start: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          end: new Date(Date.now() + 30 * 86_400_000 + 7_200_000).toISOString(),
        },
      }),
      (window) => (ids.window = window.id),
    ),
    sample('customer', 'POST /api/contracts/{id}/windows/{windowId}/approval', () => ({
      params: { id: 'acme-c', windowId: ids.window },
    })),
    sample('customer', 'GET /api/contracts/{id}/windows', () => CONTRACT),
    sample('admin', 'GET /api/contracts/{id}/windows', () => CONTRACT),
    sample(
      'provider',
      'POST /api/contracts/{id}/overrides',
      () => ({
        ...CONTRACT,
        body: {
          assetId: 'acme-1',
          start: '2025-02-01T00:00:00Z',
          end: '2025-02-01T02:00:00Z',
          category: 'STANDBY',
          reason: 'test run at the customer',
        },
      }),
      (o) => (ids.override = o.id),
    ),
    sample('customer', 'GET /api/contracts/{id}/overrides', () => CONTRACT),
    sample('provider', 'GET /api/contracts/{id}/audit', () => CONTRACT),
    sample('provider', 'DELETE /api/contracts/{id}/overrides/{overrideId}', () => ({
      params: { id: 'acme-c', overrideId: ids.override },
    })),
    sample('provider', 'DELETE /api/contracts/{id}/windows/{windowId}', () => ({
      params: { id: 'acme-c', windowId: ids.window },
    })),
    sample('provider', 'DELETE /api/contracts/{id}', () => CONTRACT),
    sample('admin', 'POST /api/models/{version}/promote', () => ({ params: { version: 'fd-v1' } })),
    sample('admin', 'POST /api/models/{version}/shadow', () => ({ params: { version: 'fd-v2' } })),
    sample('admin', 'DELETE /api/models/shadow'),
    sample('admin', 'POST /api/models/{version}/promote', () => ({ params: { version: 'fd-v2' } })),
    sample('admin', 'POST /api/models/rollback'),
    sample('admin', 'GET /api/models/history'),
    sample('customer', 'GET /api/dead-letters'),
    sample('admin', 'GET /api/models/shadow/scores', () => ({ query: { version: 'fd-v2@fd-v2' } })),
    sample('customer', 'GET /api/assets/{id}/billing-events', () => ({
      params: { id: 'acme-1' },
      query: { from: '2025-01-09T12:00:00Z' },
    })),
    sample('provider', 'POST /api/assets/{id}/corrections', () => ({
      params: { id: 'acme-1' },
      body: {
        supersedes: `STATE@${Date.parse(FAULT_AT) * 1000}`,
        state: 'RUN',
        reason: 'sensor fault',
      },
    })),
    sample('customer', 'GET /api/assets/{id}/corrections', () => ({ params: { id: 'acme-1' } })),
    sample('hook', 'POST /api/mqtt/authenticate', () => ({
      body: { clientid: 'acme-1', username: 'acme-1', password: 'wrong' },
    })),
    sample('hook', 'POST /api/mqtt/authorize', () => ({
      body: {
        clientid: 'acme-1',
        username: 'acme-1',
        action: 'publish',
        topic: 'devices/acme-1/telemetry',
        qos: '1',
        retain: 'false',
      },
    })),
    sample('provider', 'PUT /api/warning-policies/{assetType}', () => ({
      params: { assetType: 'turbofan' },
      body: { threshold: 0.7, horizon: 30, consecutive: 2, window: 3, clearThreshold: 0.5 },
    })),
    sample('admin', 'GET /api/warning-policies'),
    sample('provider', 'GET /api/warning-policies/{assetType}', () => ({
      params: { assetType: 'turbofan' },
    })),
    sample('provider', 'PUT /api/failure-codes/{assetType}', () => ({
      params: { assetType: 'pump' },
      body: { codes: [{ code: 'PUMP', level: 'COMPONENT', description: 'the pump' }] },
    })),
    sample(
      'admin',
      'POST /api/users',
      () => ({
        body: { name: 'sam@acme', role: 'customer', tenantId: 'acme', password: PASSWORD },
      }),
      (user) => (ids.user = user.id),
    ),
    sample('admin', 'POST /api/users/{id}/token', () => ({ params: { id: ids.user } })),
    sample('admin', 'PUT /api/users/{id}/password', () => ({
      params: { id: ids.user },
      body: { password: `${PASSWORD}!` },
    })),
    sample('none', 'POST /api/sessions', () => ({
      body: { name: 'sam@acme', password: `${PASSWORD}!` },
    })),
    sample('admin', 'DELETE /api/users/{id}', () => ({ params: { id: ids.user } })),
    sample('admin', 'DELETE /api/devices/{id}/credentials', () => ({ params: { id: 'dev-9' } })),
    sample('provider', 'DELETE /api/warning-policies/{assetType}', () => ({
      params: { assetType: 'turbofan' },
    })),
    sample('provider', 'DELETE /api/rules/{id}', () => ({ params: { id: ids.rule } })),
    sample('provider', 'DELETE /api/maintenance-plans/{id}', () => ({ params: { id: ids.plan } })),
    sample('provider', 'DELETE /api/webhooks/{id}', () => ({ params: { id: ids.webhook } })),
  ];

  it.each(SAMPLES)('$name answers as documented', async ({ issues }) => {
    expect(await issues()).toEqual([]);
  });
});
