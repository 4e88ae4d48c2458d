import type { INestApplication } from '@nestjs/common';
import { routeTable } from './route-table.fixture';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  type Json,
} from './users-api.fixture';

/**
 * What a customer of `acme` gets on each route when it aims at `globex` (R1) or at provider-internal
 * data (R2): `list` 200 without a row of globex; `hidden` 404, or 200 with nothing of globex;
 * a status; `public` needs no token. A route missing here fails the test: a new route must say.
 * `{globexPlan}` and `{globexHook}` in a path stand for the ids of globex's plan and webhook.
 */
// 'stream': server-sent events (their scoping: events.controller.integration-spec.ts).
type Expected = 'list' | 'hidden' | 'public' | 'stream' | 200 | 204 | 400 | 401 | 403 | 404;
const TO = '?from=2025-01-01T00:00:00Z';
const EXPECTED: Record<string, { path: string; body?: unknown; expect: Expected }> = {
  'GET /health': { path: '/health', expect: 'public' },
  'GET /metrics': { path: '/metrics', expect: 'public' },
  'GET /api/assets': { path: '/api/assets', expect: 'list' },
  'GET /api/assets/:id': { path: '/api/assets/globex-1', expect: 404 },
  'GET /api/assets/:id/billing-events': {
    path: `/api/assets/globex-1/billing-events${TO}`,
    expect: 404,
  },
  'GET /api/assets/:id/corrections': { path: '/api/assets/globex-1/corrections', expect: 'hidden' },
  'GET /api/assets/:id/telemetry': { path: '/api/assets/globex-1/telemetry', expect: 404 },
  'GET /api/assets/:id/scores': { path: '/api/assets/globex-1/scores', expect: 404 },
  'GET /api/assets/:id/health-report': {
    path: '/api/assets/globex-1/health-report',
    expect: 404,
  },
  'POST /api/assets/:id/corrections': {
    path: '/api/assets/globex-1/corrections',
    body: { supersedes: 'STATE@1', state: 'RUN', reason: 'mine' },
    expect: 403,
  },
  'GET /api/contracts': { path: '/api/contracts', expect: 'list' },
  'GET /api/contracts/:id': { path: '/api/contracts/globex-c', expect: 404 },
  'GET /api/contracts/:id/audit': { path: '/api/contracts/acme-c/audit', expect: 403 },
  'GET /api/contracts/:id/billing-records': {
    path: '/api/contracts/globex-c/billing-records',
    expect: 404,
  },
  'GET /api/contracts/:id/billing-records/:period': {
    path: '/api/contracts/globex-c/billing-records/2025-01',
    expect: 404,
  },
  'GET /api/contracts/:id/billing-records/:period/intervals': {
    path: '/api/contracts/globex-c/billing-records/2025-01/intervals',
    expect: 404,
  },
  'GET /api/contracts/:id/billing-records/:period/statement': {
    path: '/api/contracts/globex-c/billing-records/2025-01/statement',
    expect: 404,
  },
  'GET /api/contracts/:id/health': { path: '/api/contracts/globex-c/health', expect: 404 },
  'GET /api/contracts/:id/overrides': { path: '/api/contracts/globex-c/overrides', expect: 404 },
  'GET /api/contracts/:id/windows': { path: '/api/contracts/globex-c/windows', expect: 404 },
  'POST /api/contracts': { path: '/api/contracts', body: {}, expect: 403 },
  'DELETE /api/contracts/:id': { path: '/api/contracts/globex-c', expect: 403 },
  'POST /api/contracts/:id/assets': {
    path: '/api/contracts/globex-c/assets',
    body: {},
    expect: 403,
  },
  'DELETE /api/contracts/:id/assets/:assetId': {
    path: '/api/contracts/globex-c/assets/globex-1',
    expect: 403,
  },
  'POST /api/contracts/:id/billing-runs': {
    path: '/api/contracts/globex-c/billing-runs',
    body: {},
    expect: 403,
  },
  'POST /api/contracts/:id/versions': {
    path: '/api/contracts/globex-c/versions',
    body: {},
    expect: 403,
  },
  'POST /api/contracts/:id/windows': {
    path: '/api/contracts/globex-c/windows',
    body: {},
    expect: 403,
  },
  'DELETE /api/contracts/:id/windows/:windowId': {
    path: '/api/contracts/globex-c/windows/w',
    expect: 403,
  },
  'POST /api/contracts/:id/windows/:windowId/approval': {
    path: '/api/contracts/globex-c/windows/w/approval',
    expect: 404,
  },
  'POST /api/contracts/:id/overrides': {
    path: '/api/contracts/globex-c/overrides',
    body: {},
    expect: 403,
  },
  'DELETE /api/contracts/:id/overrides/:overrideId': {
    path: '/api/contracts/globex-c/overrides/o',
    expect: 403,
  },
  'GET /api/me': { path: '/api/me', expect: 200 },
  // KPIs and the parts forecast answer from the caller's own tenant (the KPI spec checks figures and the stripped cost side).
  'GET /api/kpis': {
    path: '/api/kpis?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z',
    expect: 200,
  },
  'GET /api/parts/forecast': { path: '/api/parts/forecast?horizonDays=30', expect: 200 },
  // NPS answers from the caller's own tenant; a customer answers only its own orders.
  'GET /api/nps': {
    path: '/api/nps?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
    expect: 200,
  },
  'GET /api/churn-warnings': { path: '/api/churn-warnings?tenantId=globex', expect: 'hidden' },
  // The value matrix: a customer sees its own contracts' places (not the provider's money).
  'GET /api/portfolio/matrix': { path: '/api/portfolio/matrix', expect: 403 },
  'PUT /api/portfolio/matrix/thresholds': {
    path: '/api/portfolio/matrix/thresholds',
    body: { customerValue: 10, marginPct: 0 },
    expect: 403,
  },
  // The touch calendar and lifecycle stages are the account managers' (provider only).
  'GET /api/touches': {
    path: '/api/touches?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
    expect: 403,
  },
  'GET /api/lifecycle-stages': {
    path: '/api/lifecycle-stages?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
    expect: 403,
  },
  'PUT /api/touches/:id/outcome': {
    path: '/api/touches/ONBOARDING_WELCOME:globex-1:2025-01-01/outcome',
    body: { outcome: 'DONE' },
    expect: 403,
  },
  'GET /api/segments': { path: '/api/segments', expect: 'list' },
  'PUT /api/segments/rules': { path: '/api/segments/rules', body: [], expect: 403 },
  'GET /api/customers/:tenantId/health': { path: '/api/customers/globex/health', expect: 404 },
  'POST /api/nps': { path: '/api/nps', body: { taskId: 'globex-task', score: 10 }, expect: 404 },
  'GET /api/failure-codes/:assetType': { path: '/api/failure-codes/turbofan', expect: 'list' },
  'PUT /api/failure-codes/:assetType': {
    path: '/api/failure-codes/turbofan',
    body: { codes: [] },
    expect: 403,
  },
  'GET /api/maintenance-plans': { path: '/api/maintenance-plans', expect: 'list' },
  'GET /api/maintenance-plans/:id': { path: '/api/maintenance-plans/{globexPlan}', expect: 404 },
  'GET /api/maintenance-plans/:id/schedule': {
    path: '/api/maintenance-plans/{globexPlan}/schedule',
    expect: 404,
  },
  'POST /api/maintenance-plans': {
    path: '/api/maintenance-plans',
    body: {
      tenantId: 'acme',
      name: 'mine',
      assetType: 'turbofan',
      component: 'oil',
      intervalDays: 30,
    },
    expect: 403,
  },
  'PATCH /api/maintenance-plans/:id': {
    path: '/api/maintenance-plans/{globexPlan}',
    body: { name: 'mine' },
    expect: 403,
  },
  'DELETE /api/maintenance-plans/:id': { path: '/api/maintenance-plans/{globexPlan}', expect: 403 },
  'GET /api/rules': { path: '/api/rules', expect: 403 },
  'GET /api/rules/:id': { path: '/api/rules/x', expect: 403 },
  'POST /api/rules': { path: '/api/rules', body: {}, expect: 403 },
  'POST /api/rules/backtest': { path: '/api/rules/backtest', body: {}, expect: 403 },
  'PUT /api/rules/:id': { path: '/api/rules/x', body: {}, expect: 403 },
  'DELETE /api/rules/:id': { path: '/api/rules/x', expect: 403 },
  'GET /api/webhooks': { path: '/api/webhooks', expect: 'list' },
  'GET /api/webhooks/:id': { path: '/api/webhooks/{globexHook}', expect: 404 },
  'GET /api/webhooks/:id/deliveries': {
    path: '/api/webhooks/{globexHook}/deliveries',
    expect: 404,
  },
  'POST /api/webhooks': {
    path: '/api/webhooks',
    body: { tenantId: 'acme', url: 'http://127.0.0.1:9/mine', eventTypes: ['plan.reminder'] },
    expect: 403,
  },
  'PATCH /api/webhooks/:id': {
    path: '/api/webhooks/{globexHook}',
    body: { enabled: false },
    expect: 403,
  },
  'DELETE /api/webhooks/:id': { path: '/api/webhooks/{globexHook}', expect: 403 },
  'POST /api/webhooks/:id/deliveries/:deliveryId/replay': {
    path: '/api/webhooks/{globexHook}/deliveries/d/replay',
    expect: 403,
  },
  'POST /api/webhooks/:id/test': { path: '/api/webhooks/{globexHook}/test', expect: 403 },
  'GET /api/dead-letters': { path: '/api/dead-letters', expect: 'list' },
  'GET /api/devices': { path: '/api/devices', expect: 'list' },
  'GET /api/devices/:id': { path: '/api/devices/globex-1', expect: 404 },
  'POST /api/devices': {
    path: '/api/devices',
    body: { id: 'mine', type: 'turbofan' },
    expect: 403,
  },
  'POST /api/devices/:id/credentials': { path: '/api/devices/globex-1/credentials', expect: 403 },
  // HTTP telemetry takes a device's own Basic credentials, never a user's bearer token.
  'POST /api/devices/:id/telemetry': {
    path: '/api/devices/globex-1/telemetry',
    body: { ts: 1, metrics: { t: 1 } },
    expect: 401,
  },
  'DELETE /api/devices/:id/credentials': { path: '/api/devices/globex-1/credentials', expect: 403 },
  'GET /api/models': { path: '/api/models', expect: 403 },
  'GET /api/models/history': { path: '/api/models/history', expect: 403 },
  'GET /api/models/shadow/scores': { path: '/api/models/shadow/scores?version=x', expect: 403 },
  'GET /api/models/:version/evaluation': { path: '/api/models/x/evaluation', expect: 403 },
  'POST /api/models/:version/promote': { path: '/api/models/x/promote', expect: 403 },
  'POST /api/models/:version/shadow': { path: '/api/models/x/shadow', expect: 403 },
  'POST /api/models/rollback': { path: '/api/models/rollback', expect: 403 },
  'DELETE /api/models/shadow': { path: '/api/models/shadow', expect: 403 },
  'GET /api/tasks': { path: '/api/tasks', expect: 'list' },
  'GET /api/tasks/:id': { path: '/api/tasks/globex-task', expect: 404 },
  'GET /api/tasks/:id/history': { path: '/api/tasks/globex-task/history', expect: 404 },
  'PATCH /api/tasks/:id': { path: '/api/tasks/globex-task', body: { status: 'DONE' }, expect: 404 },
  'GET /api/users': { path: '/api/users', expect: 403 },
  'GET /api/users/:id': { path: '/api/users/x', expect: 403 },
  'POST /api/users': { path: '/api/users', body: {}, expect: 403 },
  'POST /api/users/:id/token': { path: '/api/users/x/token', expect: 403 },
  'DELETE /api/users/:id': { path: '/api/users/x', expect: 403 },
  'PUT /api/users/:id/password': {
    path: '/api/users/x/password',
    body: { password: 'long-enough-1' },
    expect: 403,
  },
  'PUT /api/me/password': { path: '/api/me/password', body: {}, expect: 400 },
  'GET /api/events': { path: '/api/events', expect: 'stream' },
  'POST /api/sessions': { path: '/api/sessions', body: {}, expect: 400 },
  'DELETE /api/sessions/current': { path: '/api/sessions/current', expect: 204 },
  // The service network: partners and technicians are the provider's; a customer sees its tenant's assignments only.
  'GET /api/partners': { path: '/api/partners', expect: 'hidden' },
  'GET /api/partners/:id': { path: '/api/partners/p-north', expect: 404 },
  'POST /api/partners': { path: '/api/partners', body: {}, expect: 403 },
  'GET /api/technicians': { path: '/api/technicians', expect: 'hidden' },
  'POST /api/technicians': { path: '/api/technicians', body: {}, expect: 403 },
  'GET /api/assignments': { path: '/api/assignments', expect: 'hidden' },
  'POST /api/tasks/:id/assignment': {
    path: '/api/tasks/globex-task/assignment',
    body: {},
    expect: 403,
  },
  'GET /api/tasks/:id/assignments': { path: '/api/tasks/globex-task/assignments', expect: 404 },
  'POST /api/tasks/:id/visits': { path: '/api/tasks/globex-task/visits', body: {}, expect: 403 },
  'GET /api/tasks/:id/visits': { path: '/api/tasks/globex-task/visits', expect: 404 },
  'PUT /api/tasks/:id/service-account': {
    path: '/api/tasks/globex-task/service-account',
    body: {},
    expect: 403,
  },
  'GET /api/service-network/figures': {
    path: '/api/service-network/figures?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z',
    expect: 200,
  },
  // The case library: drawn from every customer's orders and telemetry, even the own order's suggestion is refused.
  'GET /api/cases': { path: '/api/cases', expect: 403 },
  'GET /api/cases/hit-rate': { path: '/api/cases/hit-rate', expect: 403 },
  'GET /api/tasks/:id/suggestion': { path: '/api/tasks/acme-task/suggestion', expect: 403 },
  'POST /api/tasks/:id/suggestion': { path: '/api/tasks/acme-task/suggestion', expect: 403 },
  'GET /api/tasks/:id/diagnosis': { path: '/api/tasks/acme-task/diagnosis', expect: 403 },
  'GET /api/warning-policies': { path: '/api/warning-policies', expect: 403 },
  'GET /api/warning-policies/:assetType': { path: '/api/warning-policies/turbofan', expect: 403 },
  'PUT /api/warning-policies/:assetType': {
    path: '/api/warning-policies/turbofan',
    body: {},
    expect: 403,
  },
  'DELETE /api/warning-policies/:assetType': {
    path: '/api/warning-policies/turbofan',
    expect: 403,
  },
};

const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };
const OBSERVED = Date.parse('2025-01-10T00:00:00Z');
const REPORT = {
  outcome: 'DEFECT_CONFIRMED_REPLACED',
  failureCode: 'HPC-MODULE-REPLACED',
  parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
  labourHours: 6,
};

// Issue 12 item 4, hostile inputs R1 and R2: what a customer's token gets on every route, through real HTTP on both SQL engines.
forEachSqlBackend('Customer access per route', (db: () => SqlDatabase) => {
  let api: { app: INestApplication; port: number; close: () => Promise<void> };
  const admin = (method: string, path: string, body?: unknown) =>
    call(api.port, ADMIN_TOKEN, method, path, body);
  let customer: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: Json }>;
  let provider: typeof customer;
  let customerToken: string;
  const ids: Record<string, string> = {};
  const resolve = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]);

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db());
    const tokens = await createProviderAndCustomer(admin);
    customerToken = tokens.customer;
    customer = (method, path, body) => call(api.port, tokens.customer, method, path, body);
    provider = (method, path, body) => call(api.port, tokens.provider, method, path, body);
    for (const tenant of ['acme', 'globex']) {
      await db().query(
        `insert into dead_letters (device_id, topic, reason, detail, payload) values ($1, $2, 'invalid_json', 'x', '{')`,
        [`${tenant}-1`, `devices/${tenant}-1/telemetry`],
      );
      await db().query(
        `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ($1, $2, $3, 'STATE', 'RUN')`,
        [`${tenant}-1`, tenant, new Date(OBSERVED).toISOString()],
      );
      const created = await admin('POST', '/api/contracts', {
        id: `${tenant}-c`,
        name: tenant,
        tenantId: tenant,
        fleet: true,
        effectiveFrom: '2024-12-01T00:00:00Z',
        terms: TERMS,
      });
      expect(created.status).toBe(201);
      const window = {
        assetId: `${tenant}-1`,
        kind: 'FORCE_MAJEURE',
        start: '2025-01-05T00:00:00.000Z',
        end: '2025-01-06T00:00:00.000Z',
      };
      expect((await provider('POST', `/api/contracts/${tenant}-c/windows`, window)).status).toBe(
        201,
      );
      const override = {
        assetId: `${tenant}-1`,
        start: '2025-01-07T00:00:00.000Z',
        end: '2025-01-07T02:00:00.000Z',
        category: 'STANDBY',
        reason: 'test run',
      };
      expect(
        (await provider('POST', `/api/contracts/${tenant}-c/overrides`, override)).status,
      ).toBe(201);
      const correction = {
        supersedes: `STATE@${OBSERVED * 1000}`,
        state: 'FAULT',
        reason: 'it was down',
      };
      expect(
        (await provider('POST', `/api/assets/${tenant}-1/corrections`, correction)).status,
      ).toBe(201);
      const plan = await provider('POST', '/api/maintenance-plans', {
        tenantId: tenant,
        name: 'oil change',
        assetType: 'turbofan',
        component: 'oil',
        intervalDays: 90,
      });
      expect(plan.status).toBe(201);
      const hook = await provider('POST', '/api/webhooks', {
        tenantId: tenant,
        url: 'http://127.0.0.1:9/hooks',
        eventTypes: ['plan.reminder'],
      });
      expect(hook.status).toBe(201);
      if (tenant === 'globex')
        Object.assign(ids, { globexPlan: plan.body.id, globexHook: hook.body.id });
    }
    // OPEN -> DONE is no transition of the work-order lifecycle: work starts first, and completion carries a failure report.
    expect(
      (await provider('PATCH', '/api/tasks/acme-task', { status: 'IN_PROGRESS' })).status,
    ).toBe(200);
    expect(
      (
        await provider('PATCH', '/api/tasks/acme-task', {
          status: 'DONE',
          cost: '1250.00',
          report: REPORT,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await admin('PUT', '/api/warning-policies/turbofan', {
          threshold: 0.7,
          horizon: 30,
          consecutive: 2,
        })
      ).status,
    ).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('has an expectation for every route the API serves, and none for a route it does not', () => {
    const routes = routeTable(api.app);
    expect(routes.filter((r) => !(r in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))(
    "gives a customer of acme on %s nothing of globex's nor anything provider-internal",
    async (route, e) => {
      const method = route.split(' ')[0];
      if (e.expect === 'public') {
        expect((await fetch(`http://127.0.0.1:${api.port}${e.path}`)).status).toBe(200);
        return;
      }
      if (e.expect === 'stream') {
        const abort = new AbortController();
        const res = await fetch(`http://127.0.0.1:${api.port}${e.path}`, {
          headers: { authorization: `Bearer ${customerToken}` },
          signal: abort.signal,
        });
        expect([res.status, res.headers.get('content-type')]).toEqual([
          200,
          expect.stringContaining('text/event-stream'),
        ]);
        abort.abort();
        return;
      }
      const r = await customer(method, resolve(e.path), e.body);
      const text = JSON.stringify(r.body);
      if (e.expect === 'list') {
        expect(r.status).toBe(200);
        expect(r.body.items.length).toBeGreaterThan(0);
        expect(text).not.toMatch(/globex/);
      } else if (e.expect === 'hidden') {
        expect([200, 404]).toContain(r.status);
        if (r.status === 200) expect(r.body.items).toEqual([]);
      } else expect(r.status).toBe(e.expect);
    },
  );

  it("answers a customer its own identity, and its own tenant's task history", async () => {
    expect(await customer('GET', '/api/me')).toEqual({
      status: 200,
      body: { name: 'cora@acme', role: 'customer', tenantId: 'acme' },
    });
    const history = await customer('GET', '/api/tasks/acme-task/history');
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: Json) => h.to)).toEqual(['IN_PROGRESS', 'DONE']);
  });

  it("strips the provider's cost side and staff names from what a customer reads, and keeps them for provider users", async () => {
    const own = [
      ['/api/tasks/acme-task', (b: Json) => b],
      ['/api/tasks', (b: Json) => b.items.find((t: Json) => t.id === 'acme-task')],
    ] as const;
    for (const [path, pick] of own) {
      expect(pick((await provider('GET', path)).body)).toMatchObject({ cost: '1250.00' });
      expect(pick((await customer('GET', path)).body)).not.toHaveProperty('cost');
    }
    expect(
      (await customer('PATCH', '/api/tasks/acme-task', { outcome: 'replaced' })).body,
    ).not.toHaveProperty('cost');

    const health = await customer('GET', '/api/contracts/acme-c/health');
    expect(health.status).toBe(200);
    expect(health.body).not.toHaveProperty('margin');
    expect(health.body.current).toMatchObject({
      availabilityPct: expect.any(String),
      runHours: expect.any(String),
      creditSoFar: expect.any(String),
    });
    expect((await provider('GET', '/api/contracts/acme-c/health')).body.margin).toMatchObject({
      taskCost: '1250.00',
    });

    for (const path of [
      '/api/contracts/acme-c/windows',
      '/api/contracts/acme-c/overrides',
      '/api/assets/acme-1/corrections',
    ]) {
      const seen = await customer('GET', path);
      expect(seen.body.items).toHaveLength(1);
      expect(JSON.stringify(seen.body)).not.toMatch(/pat@provider/);
      expect(JSON.stringify((await provider('GET', path)).body)).toMatch(/pat@provider/);
    }
  });
});
