import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type RoleCallers,
} from './users-api.fixture';

const REPORT = {
  outcome: 'DEFECT_CONFIRMED_REPLACED',
  failureCode: 'HPC-MODULE-REPLACED',
  parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
  labourHours: 6,
};
const PERIOD = '?from=2025-01-01T00:00:00Z&to=2030-01-01T00:00:00Z';

// Issue 15, customer voice: the one question after a completed order, through HTTP on both SQL engines.
forEachSqlBackend('NpsController', (db) => {
  let api: RoleCallers['api'];
  let customer: ApiCall;
  let provider: ApiCall;

  beforeAll(async () => {
    await seedTwoTenants(db());
    ({ api, customer, provider } = await startApiWithProviderAndCustomer(db()));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('refuses an answer to an order that is not done yet', async () => {
    const r = await customer('POST', '/api/nps', { taskId: 'acme-task', score: 9 });
    expect(r.status).toBe(409);
  });

  it("takes one answer per completed order from the customer's own user", async () => {
    await provider('PATCH', '/api/tasks/acme-task', { status: 'IN_PROGRESS' });
    const done = await provider('PATCH', '/api/tasks/acme-task', {
      status: 'DONE',
      report: REPORT,
    });
    expect(done.status).toBe(200);

    expect((await provider('POST', '/api/nps', { taskId: 'acme-task', score: 10 })).status).toBe(
      403,
    );
    const first = await customer('POST', '/api/nps', {
      taskId: 'acme-task',
      score: 6,
      comment: 'took two visits',
    });
    expect(first).toMatchObject({
      status: 201,
      body: {
        taskId: 'acme-task',
        tenantId: 'acme',
        assetId: 'acme-1',
        score: 6,
        answeredBy: 'cora@acme',
      },
    });
    expect((await customer('POST', '/api/nps', { taskId: 'acme-task', score: 10 })).status).toBe(
      409,
    );
    expect((await customer('POST', '/api/nps', { taskId: 'globex-task', score: 10 })).status).toBe(
      404,
    );
    expect((await customer('POST', '/api/nps', { taskId: 'acme-task', score: 11 })).status).toBe(
      400,
    );
  });

  it('reports the NPS of the period per tenant, a detractor being -100', async () => {
    const report = await provider('GET', `/api/nps${PERIOD}`);
    expect(report.status).toBe(200);
    const figure = { answers: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 };
    expect(report.body.overall).toEqual(figure);
    expect(report.body.byTenant).toEqual([{ tenantId: 'acme', ...figure }]);
    expect((await customer('GET', `/api/nps${PERIOD}`)).body.overall).toEqual(figure);
    expect((await provider('GET', '/api/nps?from=2020-01-01T00:00:00Z')).status).toBe(400);
  });
});
