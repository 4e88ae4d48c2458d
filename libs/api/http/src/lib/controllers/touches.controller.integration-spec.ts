import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type Json,
  type RoleCallers,
} from './users-api.fixture';

const WINDOW = '?from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z';

/**
 * acme-1 registered 2026-01-10 00:00 with its order acme-task open, due 2026-03-01 12:00; globex-1
 * registered 2026-01-20 06:00, its order globex-task completed 2026-02-25 10:00 (its first service).
 */
async function seedDates(db: SqlDatabase): Promise<void> {
  await db.query(`update assets set created_at = $1 where id = 'acme-1'`, ['2026-01-10T00:00:00Z']);
  await db.query(`update assets set created_at = $1 where id = 'globex-1'`, [
    '2026-01-20T06:00:00Z',
  ]);
  await db.query(`update tasks set replace_by = $1 where id = 'acme-task'`, [
    '2026-03-01T12:00:00Z',
  ]);
  await db.query(`update tasks set status = 'DONE', completed_at = $1 where id = 'globex-task'`, [
    '2026-02-25T10:00:00Z',
  ]);
}

// Issue 15, the touch calendar through HTTP with the real adapters (registry, tasks, health, NPS) on both SQL engines.
forEachSqlBackend('TouchesController', (db) => {
  let api: RoleCallers['api'];
  let customer: ApiCall;
  let provider: ApiCall;

  beforeAll(async () => {
    await seedTwoTenants(db());
    await seedDates(db());
    ({ api, customer, provider } = await startApiWithProviderAndCustomer(db()));
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('lists the touches due in the window from the owners data, as computed by hand', async () => {
    // Onboarding day 0/3/7 from each registration; reminders 30/15/7/0 days before acme-task is due
    // (acme-1 is still onboarding then: never served); globex-1's first service report and the
    // satisfaction question 2 h later.
    const r = await provider('GET', `/api/touches${WINDOW}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((t: Json) => [t.id, t.stage, t.dueAt])).toEqual([
      ['ONBOARDING_WELCOME:acme-1:2026-01-10', 'ONBOARDING', '2026-01-10T00:00:00.000Z'],
      ['ONBOARDING_RUNNING_CHECK:acme-1:2026-01-13', 'ONBOARDING', '2026-01-13T00:00:00.000Z'],
      ['ONBOARDING_USAGE_REVIEW:acme-1:2026-01-17', 'ONBOARDING', '2026-01-17T00:00:00.000Z'],
      ['ONBOARDING_WELCOME:globex-1:2026-01-20', 'ONBOARDING', '2026-01-20T06:00:00.000Z'],
      ['ONBOARDING_RUNNING_CHECK:globex-1:2026-01-23', 'ONBOARDING', '2026-01-23T06:00:00.000Z'],
      ['ONBOARDING_USAGE_REVIEW:globex-1:2026-01-27', 'ONBOARDING', '2026-01-27T06:00:00.000Z'],
      ['MAINTENANCE_REMINDER:acme-task:2026-01-30', 'ONBOARDING', '2026-01-30T12:00:00.000Z'],
      ['MAINTENANCE_REMINDER:acme-task:2026-02-14', 'ONBOARDING', '2026-02-14T12:00:00.000Z'],
      ['MAINTENANCE_REMINDER:acme-task:2026-02-22', 'ONBOARDING', '2026-02-22T12:00:00.000Z'],
      ['FIRST_SERVICE_REPORT:globex-1:2026-02-25', 'ACTIVATION', '2026-02-25T10:00:00.000Z'],
      ['FIRST_SERVICE_SATISFACTION:globex-1:2026-02-25', 'ACTIVATION', '2026-02-25T12:00:00.000Z'],
      ['MAINTENANCE_REMINDER:acme-task:2026-03-01', 'ONBOARDING', '2026-03-01T12:00:00.000Z'],
    ]);
    expect(r.body.items.every((t: Json) => t.outcome === null)).toBe(true);
  });

  it('reports each customer stage at the end of the period and how many entered it', async () => {
    const r = await provider('GET', `/api/lifecycle-stages${WINDOW}`);
    expect(r.status).toBe(200);
    expect(r.body.customers.map((c: Json) => [c.tenantId, c.stage])).toEqual([
      ['acme', 'ONBOARDING'],
      ['globex', 'ACTIVATION'],
    ]);
    expect(r.body.stages.map((s: Json) => [s.stage, s.customers, s.entered])).toEqual([
      ['ONBOARDING', 1, 1],
      ['ACTIVATION', 1, 1],
      ['RETENTION', 0, 0],
      ['EXPANSION', 0, 0],
      ['ADVOCACY', 0, 0],
    ]);
  });

  it('records an outcome with who and when, kept on the touch by its id', async () => {
    const id = 'ONBOARDING_RUNNING_CHECK:globex-1:2026-01-23';
    const path = `/api/touches/${encodeURIComponent(id)}/outcome`;
    expect((await provider('PUT', path, { outcome: 'MAYBE' })).status).toBe(400);
    const unknown = `/api/touches/${encodeURIComponent('ONBOARDING_WELCOME:globex-1:2026-01-21')}/outcome`;
    expect((await provider('PUT', unknown, { outcome: 'DONE' })).status).toBe(404);
    const r = await provider('PUT', path, { outcome: 'DONE', note: 'running fine' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, outcome: { outcome: 'DONE', note: 'running fine' } });
    expect(typeof r.body.outcome.recordedBy).toBe('string');
    const list = await provider('GET', `/api/touches${WINDOW}`);
    expect(list.body.items.filter((t: Json) => t.outcome).map((t: Json) => t.id)).toEqual([id]);
  });

  it("is the provider's work list: a customer user is refused", async () => {
    const r = await customer('GET', `/api/touches${WINDOW}`);
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toMatch(/ONBOARDING/);
    expect((await customer('GET', `/api/lifecycle-stages${WINDOW}`)).status).toBe(403);
    const path = `/api/touches/${encodeURIComponent('ONBOARDING_WELCOME:acme-1:2026-01-10')}/outcome`;
    expect((await customer('PUT', path, { outcome: 'DONE' })).status).toBe(403);
  });

  it('is documented in the OpenAPI the API serves', async () => {
    const doc = (await (
      await fetch(`http://127.0.0.1:${api.port}/api/docs/openapi.json`)
    ).json()) as Json;
    const get = doc.paths['/api/touches'].get;
    expect(get.tags).toEqual(['customer success']);
    expect(get.summary).toMatch(/contract renewal 90\/60\/30 days/);
    expect(doc.paths['/api/lifecycle-stages'].get.summary).toMatch(/movedOn, fellBack, lost/);
    const put = doc.paths['/api/touches/{id}/outcome'].put;
    expect(put.requestBody.content['application/json'].schema.required).toEqual(['outcome']);
  });
});
