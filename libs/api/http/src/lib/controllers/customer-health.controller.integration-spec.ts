import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  type Json,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type RoleCallers,
} from './users-api.fixture';

const DAY_MS = 86_400_000;
const REPORT = {
  outcome: 'DEFECT_CONFIRMED_REPLACED',
  failureCode: 'HPC-MODULE-REPLACED',
  parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
  labourHours: 6,
};
const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };
const scores = (h: Json) => Object.fromEntries(h.components.map((c: Json) => [c.name, c.score]));

// Issue 15, customer health through HTTP with the real adapters (registry, tasks, billing, risk) on both SQL engines.
forEachSqlBackend('CustomerHealthController', (db) => {
  let api: RoleCallers['api'];
  let admin: ApiCall;
  let customer: ApiCall;
  let provider: ApiCall;

  beforeAll(async () => {
    await seedTwoTenants(db());
    ({ api, admin, customer, provider } = await startApiWithProviderAndCustomer(db()));
    // acme-1 ran (one RUN message ten days ago: 15 min until the heartbeat timeout) and was heard from yesterday.
    await db().query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ('acme-1', 'acme', $1, 'STATE', 'RUN')`,
      [new Date(Date.now() - 10 * DAY_MS).toISOString()],
    );
    await db().query(`update assets set last_seen = $1 where id = 'acme-1'`, [
      new Date(Date.now() - DAY_MS).toISOString(),
    ]);
    const contract = await admin('POST', '/api/contracts', {
      id: 'acme-c',
      name: 'acme fleet',
      tenantId: 'acme',
      fleet: true,
      effectiveFrom: '2024-12-01T00:00:00Z',
      terms: TERMS,
    });
    expect(contract.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('scores a customer and its contract from the owners data, components without inputs left out', async () => {
    // risk 100 (no scores), usage 100 (hours now, none before), orders 0 (1 open overdue order on 1 asset),
    // silence 100; no billed period, no answer: (15 x 100 + 20 x 100 + 10 x 0 + 15 x 100) / 60 = 83.3.
    const r = await provider('GET', '/api/customers/acme/health');
    expect(r.status).toBe(200);
    const expected = {
      availability: null,
      risk: 100,
      usage: 100,
      orders: 0,
      nps: null,
      silentDevices: 100,
    };
    expect({ score: r.body.score, band: r.body.band, c: scores(r.body) }).toEqual({
      score: 83.3,
      band: 'HEALTHY',
      c: expected,
    });
    expect(r.body.contracts.map((c: Json) => [c.contractId, c.score])).toEqual([['acme-c', 83.3]]);
    const orders = r.body.components.find((c: Json) => c.name === 'orders');
    expect(orders.inputs).toEqual({ assets: 1, open: 1, overdue: 1 });
    expect(r.body.components.find((c: Json) => c.name === 'usage').inputs).toEqual({
      hoursLast90Days: 0.3,
      hoursPrevious90Days: 0,
      ratio: null,
    });
  });

  it('reads the completed order and the NPS answer given to it', async () => {
    await provider('PATCH', '/api/tasks/acme-task', { status: 'IN_PROGRESS' });
    await provider('PATCH', '/api/tasks/acme-task', { status: 'DONE', report: REPORT });
    expect((await customer('POST', '/api/nps', { taskId: 'acme-task', score: 3 })).status).toBe(
      201,
    );
    // orders 100, NPS 30: (1500 + 2000 + 1000 + 450 + 1500) / 75 = 86.0.
    const r = await customer('GET', '/api/customers/acme/health');
    expect({ score: r.body.score, nps: scores(r.body).nps, orders: scores(r.body).orders }).toEqual(
      {
        score: 86,
        nps: 30,
        orders: 100,
      },
    );
  });

  it("answers 404 for another customer's health and for an unknown one", async () => {
    expect((await customer('GET', '/api/customers/globex/health')).status).toBe(404);
    expect((await provider('GET', '/api/customers/nobody/health')).status).toBe(404);
    expect((await provider('GET', '/api/customers/globex/health')).status).toBe(200);
  });
});
