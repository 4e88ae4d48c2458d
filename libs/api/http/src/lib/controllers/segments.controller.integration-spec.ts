import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  type Json,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type RoleCallers,
} from './users-api.fixture';

// Issue 15, RFM segments through HTTP on both SQL engines: the rules are data a provider user changes.
forEachSqlBackend('SegmentsController', (db) => {
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

  it('scores customers without paid events 1-1-1, hibernating, and shows a customer its own row', async () => {
    const all = await provider('GET', '/api/segments');
    expect(all.status).toBe(200);
    const row = {
      recencyDays: null,
      frequency: 0,
      monetary: 0,
      r: 1,
      f: 1,
      m: 1,
      segment: 'HIBERNATING',
    };
    expect(all.body.items).toEqual([
      { tenantId: 'acme', ...row },
      { tenantId: 'globex', ...row },
    ]);
    expect(all.body.rules[0]).toEqual({
      segment: 'CHAMPIONS',
      when: { r: { min: 4 }, f: { min: 4 }, m: { min: 4 } },
    });
    expect((await customer('GET', '/api/segments')).body.items).toEqual([
      { tenantId: 'acme', ...row },
    ]);
  });

  it('segments by rules a provider user changed, and refuses rules that are not valid', async () => {
    const rules = [{ segment: 'DORMANT', when: { r: { max: 1 } } }];
    expect((await customer('PUT', '/api/segments/rules', rules)).status).toBe(403);
    expect((await provider('PUT', '/api/segments/rules', [{ segment: 'x' }])).status).toBe(400);
    expect(await provider('PUT', '/api/segments/rules', rules)).toEqual({
      status: 200,
      body: { rules },
    });
    const after = await provider('GET', '/api/segments');
    expect(after.body.rules).toEqual(rules);
    expect(after.body.items.map((e: Json) => e.segment)).toEqual(['DORMANT', 'DORMANT']);
  });
});
