import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  call,
  seedTwoTenants,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type Json,
  type RoleCallers,
} from './users-api.fixture';

const HOUR = 3_600_000;
const WASH = {
  outcome: 'DEFECT_CONFIRMED_REPLACED',
  failureCode: 'HPC-WASH',
  parts: [{ partNumber: 'HPC-SEAL-KIT-12', quantity: 1 }],
  labourHours: 3,
};

// Issue 15, case library and remote diagnosis, through HTTP on both SQL engines with the embedded
// telemetry store: globex-1's T30 rose 100, 101, 102 and its order was washed; acme-1's T30 rises
// 100, 103, 106 before its own order (3, 2 and 1 h before the orders were seeded).
forEachSqlBackend('CasesController', (db) => {
  let api: RoleCallers['api'];
  let provider: ApiCall;
  let customer: ApiCall;
  let partner: ApiCall;
  let admin: ApiCall;
  const t0 = Date.now();
  const complete = async (id: string, note: string) => {
    await provider('PATCH', `/api/tasks/${id}`, { status: 'IN_PROGRESS' });
    const done = await provider('PATCH', `/api/tasks/${id}`, {
      status: 'DONE',
      report: WASH,
      outcome: note,
    });
    if (done.status !== 200) throw new Error(`${id}: ${done.status} ${JSON.stringify(done.body)}`);
  };

  beforeAll(async () => {
    const store = await EmbeddedTelemetryStore.open(db());
    await store.write(
      [3, 2, 1].flatMap((h, i) => [
        { deviceId: 'globex-1', ts: t0 - h * HOUR, metrics: { T30: 100 + i } },
        { deviceId: 'acme-1', ts: t0 - h * HOUR, metrics: { T30: 100 + 3 * i } },
      ]),
    );
    await seedTwoTenants(db());
    ({ api, admin, provider, customer } = await startApiWithProviderAndCustomer(db()));
    await complete('globex-task', 'salt deposits, washed');
    await admin('POST', '/api/partners', {
      id: 'p-north',
      name: 'North',
      regions: ['north'],
      skills: ['turbofan'],
    });
    await admin('POST', '/api/tasks/acme-task/assignment', {
      mode: 'RULE',
      region: 'north',
      plannedAt: '2030-01-01T00:00:00Z',
    });
    const user = await admin('POST', '/api/users', {
      name: 'nina@north',
      role: 'partner',
      partnerId: 'p-north',
    });
    partner = (method, path, body) => call(api.port, user.body.token, method, path, body);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("turns the completed order's failure report into a case, searchable by code and text", async () => {
    const all = await provider('GET', '/api/cases?assetType=turbofan&component=hpc-module');
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([
      expect.objectContaining({
        orderId: 'globex-task',
        tenantId: 'globex',
        problem: 'HPC-EFFICIENCY-LOSS',
        cause: 'HPC-FOULING',
        remedy: 'HPC-WASH',
        notes: 'salt deposits, washed',
        pattern: [expect.objectContaining({ metric: 'T30', direction: 'UP', change: 2 })],
      }),
    ]);
    expect((await provider('GET', '/api/cases?failureCode=HPC-FOULING')).body.items).toHaveLength(
      1,
    );
    expect((await provider('GET', '/api/cases?q=SALT')).body.items).toHaveLength(1);
    expect((await provider('GET', '/api/cases?q=bearing')).body.items).toEqual([]);
    expect((await provider('GET', '/api/cases?limit=0')).status).toBe(400);
  });

  it('suggests the cause and parts of the like case for the open order, and diagnoses it against the fleet', async () => {
    const suggestion = await provider('GET', '/api/tasks/acme-task/suggestion');
    expect(suggestion.status).toBe(200);
    expect(suggestion.body).toMatchObject({
      orderId: 'acme-task',
      problems: [{ code: 'HPC-EFFICIENCY-LOSS', confidence: 1 }],
      causes: [{ code: 'HPC-FOULING', confidence: 1 }],
      parts: [{ partNumber: 'HPC-SEAL-KIT-12', quantity: 1, confidence: 1 }],
      casesConsidered: 1,
    });
    const again = await provider('POST', '/api/tasks/acme-task/suggestion');
    expect(again.status).toBe(200);
    expect(again.body.problems).toEqual(suggestion.body.problems);
    // globex-task was completed before anyone asked: no suggestion to show, and none made after the fact.
    expect((await provider('GET', '/api/tasks/globex-task/suggestion')).status).toBe(409);
    const diagnosis = await provider('GET', '/api/tasks/acme-task/diagnosis');
    expect(diagnosis.status).toBe(200);
    // The fleet (globex-1) spans 100-102: 5th percentile 100.1, 95th 101.9; acme-1 was below it at 100, above it since 103.
    expect(diagnosis.body.fleetAssets).toBe(1);
    expect(diagnosis.body.metrics).toEqual([
      expect.objectContaining({
        metric: 'T30',
        latest: 106,
        fleetP5: 100.1,
        fleetP95: 101.9,
        outsideSince: new Date(t0 - 2 * HOUR).toISOString(),
      }),
    ]);
  });

  it("gives a partner the cases anonymised and only its own order's suggestion", async () => {
    const cases = await partner('GET', '/api/cases');
    expect(cases.body.items).toHaveLength(1);
    expect(JSON.stringify(cases.body)).not.toMatch(/globex/);
    expect((await partner('GET', '/api/tasks/acme-task/suggestion')).status).toBe(200);
    expect((await partner('GET', '/api/tasks/globex-task/suggestion')).status).toBe(404);
    expect((await partner('POST', '/api/tasks/acme-task/suggestion')).status).toBe(403);
  });

  it('refuses customers', async () => {
    for (const path of [
      '/api/cases',
      '/api/cases/hit-rate',
      '/api/tasks/acme-task/suggestion',
      '/api/tasks/acme-task/diagnosis',
    ])
      expect([path, (await customer('GET', path)).status]).toEqual([path, 403]);
  });

  it('measures the hit once the order is reported, and diagnoses open orders only', async () => {
    await complete('acme-task', 'washed');
    const hits = await provider('GET', '/api/cases/hit-rate');
    expect(hits.body).toEqual({
      orders: 1,
      problemHits: 1,
      causeHits: 1,
      problemHitRate: 1,
      causeHitRate: 1,
    });
    expect((await provider('GET', '/api/tasks/acme-task/diagnosis')).status).toBe(409);
    expect((await provider('GET', '/api/cases')).body.items.map((c: Json) => c.orderId)).toEqual([
      'acme-task',
      'globex-task',
    ]);
  });
});
