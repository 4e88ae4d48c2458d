import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { routeTable } from './route-table.fixture';
import {
  ADMIN_TOKEN,
  call,
  seedTwoTenants,
  startFixtureApi,
  type ApiCall,
  type Json,
} from './users-api.fixture';

/** The value a `:param` takes after each path segment: always something not assigned to p-north. */
const UNASSIGNED: Record<string, string> = {
  assets: 'globex-1',
  devices: 'globex-1',
  tasks: 'globex-task',
  contracts: 'globex-c',
  'maintenance-plans': '{globexPlan}',
  webhooks: '{globexHook}',
  partners: 'p-south',
  'billing-records': '2025-01',
  'failure-codes': 'turbofan',
  'warning-policies': 'turbofan',
};
/** Query strings some GET routes need to answer at all. */
const QUERY: Record<string, string> = {
  'GET /api/assets/:id/billing-events': '?from=2025-01-01T00:00:00Z',
  'GET /api/kpis': '?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z',
  'GET /api/nps': '?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
  'GET /api/parts/forecast': '?horizonDays=30',
  'GET /api/models/shadow/scores': '?version=x',
  'GET /api/service-network/figures': '?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
};
/** Answers that are no data of anyone: the health probes and the caller's own identity. */
const NOT_DATA = new Set(['GET /health', 'GET /metrics', 'GET /api/me', 'GET /api/events']);
/** Names of everything p-north must never see: the other tenant, acme's tenant-wide rows, the other partner. */
const LEAKS = /globex|acme-c|p-south|tech-s|acme-2/;

function getPath(route: string, ids: Record<string, string>): string {
  const path = route.split(' ')[1];
  const segments = path.split('/');
  const filled = segments.map((seg, i) =>
    seg.startsWith(':') ? (UNASSIGNED[segments[i - 1]] ?? 'x') : seg,
  );
  return (
    filled.join('/').replace(/\{(\w+)\}/g, (_, name: string) => ids[name]) + (QUERY[route] ?? '')
  );
}

// Issue 15: a partner's users see only the orders (and their assets) assigned to it, only while assigned.
forEachSqlBackend('Partner access per route', (db: () => SqlDatabase) => {
  let api: Awaited<ReturnType<typeof startFixtureApi>>;
  let admin: ApiCall;
  let partner: ApiCall;
  const ids: Record<string, string> = {};

  const expectCreated = async (method: string, path: string, body: unknown) => {
    const r = await admin(method, path, body);
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Json;
  };

  beforeAll(async () => {
    await seedTwoTenants(db());
    // A second acme asset with an order nobody assigned: same tenant, still not p-north's.
    await db().query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ('acme-2', 'acme', 'turbofan', 'acme-2', 'x')`,
    );
    await db().query(
      `insert into assets (id, tenant_id, device_id, type) values ('acme-2', 'acme', 'acme-2', 'turbofan')`,
    );
    await db().query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type)
       values ('acme-2-task', 'acme', 'acme-2', 'fan', 'OPEN', 'LOW', 50, 0.5, 'm@1', now(), 'turbofan')`,
    );
    for (const asset of ['acme-1', 'acme-2'])
      await db().query(
        `insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end)
         values ($1, 'acme', 0.7, 30, 42, 'm@1', '2025-01-09T00:00:00Z', '2025-01-09T00:00:00Z')`,
        [asset],
      );
    api = await startFixtureApi(db());
    admin = (method, path, body) => call(api.port, ADMIN_TOKEN, method, path, body);
    for (const [id, region] of [
      ['p-north', 'north'],
      ['p-south', 'south'],
    ]) {
      await expectCreated('POST', '/api/partners', {
        id,
        name: id,
        regions: [region],
        skills: ['turbofan'],
      });
    }
    await expectCreated('POST', '/api/technicians', {
      id: 'tech-n',
      name: 'Nina',
      partnerId: 'p-north',
    });
    await expectCreated('POST', '/api/technicians', {
      id: 'tech-s',
      name: 'Sam',
      partnerId: 'p-south',
    });
    const user = await expectCreated('POST', '/api/users', {
      name: 'nina@north',
      role: 'partner',
      partnerId: 'p-north',
    });
    partner = (method, path, body) => call(api.port, user.token, method, path, body);
    for (const tenant of ['acme', 'globex']) {
      await expectCreated('POST', '/api/contracts', {
        id: `${tenant}-c`,
        name: tenant,
        tenantId: tenant,
        fleet: true,
        effectiveFrom: '2024-12-01T00:00:00Z',
        terms: { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' },
      });
      const plan = await expectCreated('POST', '/api/maintenance-plans', {
        tenantId: tenant,
        name: 'oil change',
        assetType: 'turbofan',
        component: 'oil',
        intervalDays: 90,
      });
      const hook = await expectCreated('POST', '/api/webhooks', {
        tenantId: tenant,
        url: 'http://127.0.0.1:9/hooks',
        eventTypes: ['plan.reminder'],
      });
      if (tenant === 'globex') Object.assign(ids, { globexPlan: plan.id, globexHook: hook.id });
    }
    const plannedAt = '2025-01-10T00:00:00Z';
    await expectCreated('POST', '/api/tasks/acme-task/assignment', {
      mode: 'RULE',
      region: 'north',
      plannedAt,
    });
    await expectCreated('POST', '/api/tasks/globex-task/assignment', {
      mode: 'RULE',
      region: 'south',
      plannedAt,
    });
    for (const task of ['acme-task', 'globex-task'])
      await expectCreated('PUT', `/api/tasks/${task}/service-account`, {
        revenue: '100.00',
        partsCost: '10.00',
        labourCost: '10.00',
        travelCost: '5.00',
      });
    await expectCreated('POST', '/api/tasks/globex-task/visits', {
      technicianId: 'tech-s',
      arrivedAt: '2025-01-10T08:00:00Z',
      outcome: 'FIXED',
    });
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('sees the order assigned to its partner, and its asset', async () => {
    expect((await partner('GET', '/api/tasks')).body.items.map((t: Json) => t.id)).toEqual([
      'acme-task',
    ]);
    expect((await partner('GET', '/api/assets')).body.items.map((a: Json) => a.id)).toEqual([
      'acme-1',
    ]);
    expect((await partner('GET', '/api/tasks/acme-task')).status).toBe(200);
    const asset = await partner('GET', '/api/assets/acme-1');
    expect(asset.status).toBe(200);
    // The current risk of an assigned asset, as its score history shows it (issue 15).
    expect(asset.body.risk).toMatchObject({ probability: 0.7, rul: 42 });
    expect(asset.body.risk).toEqual((await admin('GET', '/api/assets/acme-1')).body.risk);
    expect((await partner('GET', '/api/assets/acme-1/scores')).status).toBe(200);
    expect((await partner('GET', '/api/partners')).body.items.map((p: Json) => p.id)).toEqual([
      'p-north',
    ]);
  });

  it("sees its order as a customer does: without the provider's cost side, and no rules", async () => {
    expect((await admin('GET', '/api/tasks/acme-task')).body).toHaveProperty('cost');
    expect((await partner('GET', '/api/tasks/acme-task')).body).not.toHaveProperty('cost');
    expect((await partner('GET', '/api/rules')).status).toBe(403);
    expect((await partner('PATCH', '/api/tasks/acme-task', { cost: '10.00' })).status).toBe(403);
  });

  const gets = () => routeTable(api.app).filter((r) => r.startsWith('GET ') && !NOT_DATA.has(r));

  it('answers every list and get route with 403, 404 or nothing unassigned', async () => {
    const answers: Record<string, string> = {};
    for (const route of gets()) {
      const r = await partner('GET', getPath(route, ids));
      const text = JSON.stringify(r.body);
      answers[route] = [403, 404].includes(r.status)
        ? 'refused'
        : r.status === 200 && !LEAKS.test(text)
          ? 'clean'
          : `${r.status} ${text.slice(0, 300)}`;
    }
    expect(Object.entries(answers).filter(([, a]) => a !== 'refused' && a !== 'clean')).toEqual([]);
    // The table covers the service network's own routes and the tenant-wide ones.
    expect(Object.keys(answers)).toEqual(
      expect.arrayContaining([
        'GET /api/tasks/:id/visits',
        'GET /api/tasks/:id/suggestion',
        'GET /api/tasks/:id/diagnosis',
        'GET /api/cases',
        'GET /api/contracts/:id',
        'GET /api/assets',
        'GET /api/assets/:id/scores',
      ]),
    );
  });

  it('reports visits of its own technicians on its order, and sees them in the figures', async () => {
    // Visits follow the assignment, which the API stamps with the present time.
    const arrivedAt = Date.now() + 60_000;
    const visit = { arrivedAt: new Date(arrivedAt).toISOString(), outcome: 'NEEDS_ANOTHER_VISIT' };
    const foreign = await partner('POST', '/api/tasks/acme-task/visits', {
      ...visit,
      technicianId: 'tech-s',
    });
    expect(foreign.status).toBe(400);
    const own = await partner('POST', '/api/tasks/acme-task/visits', {
      ...visit,
      technicianId: 'tech-n',
      departedAt: new Date(arrivedAt + 3_600_000).toISOString(),
    });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ recordedBy: 'nina@north', outcome: 'NEEDS_ANOTHER_VISIT' });
    const visits = await partner('GET', '/api/tasks/acme-task/visits');
    expect(visits.body.items).toHaveLength(1);
    const figures = await partner(
      'GET',
      `/api/service-network/figures?from=2025-01-01T00:00:00Z&to=${new Date(arrivedAt + 86_400_000).toISOString()}`,
    );
    expect(Object.keys(figures.body.byPartner)).toEqual(['p-north']);
    expect(figures.body.overall.firstTimeFix).toEqual({ rate: 0, fixedFirstTime: 0, attempted: 1 });
  });

  it('cannot work, assign or account an order that is not assigned to it', async () => {
    expect(
      (await partner('PATCH', '/api/tasks/globex-task', { status: 'ACKNOWLEDGED' })).status,
    ).toBe(404);
    expect(
      (
        await partner('POST', '/api/tasks/globex-task/visits', {
          technicianId: 'tech-n',
          arrivedAt: '2025-01-10T08:00:00Z',
          outcome: 'FIXED',
        })
      ).status,
    ).toBe(404);
    expect((await partner('POST', '/api/tasks/acme-task/assignment', {})).status).toBe(403);
  });

  it('loses the order and its asset with the next request once it is re-assigned away', async () => {
    await expectCreated('POST', '/api/tasks/acme-task/assignment', {
      mode: 'HAND',
      region: 'south',
      plannedAt: '2025-01-10T00:00:00Z',
      partnerId: 'p-south',
      reason: 'north is booked',
    });
    expect((await partner('GET', '/api/tasks')).body.items).toEqual([]);
    expect((await partner('GET', '/api/assets')).body.items).toEqual([]);
    expect((await partner('GET', '/api/tasks/acme-task')).status).toBe(404);
    expect((await partner('GET', '/api/tasks/acme-task/assignments')).status).toBe(404);
    const history = await admin('GET', '/api/tasks/acme-task/assignments');
    expect(
      history.body.items.map((a: Json) => [a.partnerId, a.method, a.endedAt === null]),
    ).toEqual([
      ['p-north', 'RULE', false],
      ['p-south', 'HAND', true],
    ]);
  });
});
