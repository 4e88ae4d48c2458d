import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  type Json,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type RoleCallers,
} from './users-api.fixture';

const DAY_MS = 86_400_000;
const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };

// Issue 15, churn warnings through HTTP with the real adapters (registry, billing contracts, equipment events) on both SQL engines.
forEachSqlBackend('ChurnWarningsController', (db) => {
  let api: RoleCallers['api'];
  let admin: ApiCall;
  let customer: ApiCall;
  let provider: ApiCall;
  const endsAt = new Date(Date.now() + 30 * DAY_MS).toISOString();

  beforeAll(async () => {
    await seedTwoTenants(db());
    ({ api, admin, customer, provider } = await startApiWithProviderAndCustomer(db()));
    await db().query(`update assets set last_seen = $1 where id = 'acme-1'`, [
      new Date(Date.now() - 10 * DAY_MS).toISOString(),
    ]);
    await db().query(
      `insert into equipment_events (id, tenant_id, device_id, asset_id, order_id, type, component, part_number, device_ts, payload)
       values ('e1', 'acme', 'acme-1', 'acme-1', null, 'part_replaced', 'bearing', 'BRG-1', $1, '{}')`,
      [new Date(Date.now() - 5 * DAY_MS).toISOString()],
    );
    const created = await admin('POST', '/api/contracts', {
      id: 'acme-c',
      name: 'acme fleet',
      tenantId: 'acme',
      fleet: true,
      effectiveFrom: '2024-12-01T00:00:00Z',
      terms: TERMS,
    });
    expect(created.status).toBe(201);
    expect((await admin('DELETE', '/api/contracts/acme-c', { endsAt })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('warns of a customer whose contract ends unrenewed, whose device is silent and who repairs elsewhere', async () => {
    const r = await provider('GET', '/api/churn-warnings');
    expect(r.status).toBe(200);
    // acme: 3 (ending) + 2 (silent 10 days) + 2 (bearing replaced without an order) = 7, HIGH, customer and contract;
    // globex: its asset never reported, 2, LOW.
    expect(r.body.items.map((w: Json) => [w.tenantId, w.contractId, w.risk, w.points])).toEqual([
      ['acme', null, 'HIGH', 7],
      ['acme', 'acme-c', 'HIGH', 7],
      ['globex', null, 'LOW', 2],
    ]);
    const [first] = r.body.items;
    expect(first.signals.map((s: Json) => s.kind)).toEqual([
      'CONTRACT_ENDING',
      'DEVICES_SILENT',
      'ORDERS_ELSEWHERE',
    ]);
    expect(first.signals[0].evidence).toEqual({
      contracts: [{ contractId: 'acme-c', endsAt, daysLeft: 30 }],
    });
    expect(first.signals[2].evidence.repairs).toEqual([
      expect.objectContaining({ assetId: 'acme-1', component: 'bearing', partNumber: 'BRG-1' }),
    ]);
  });

  it('shows a customer only its own warnings', async () => {
    const own = await customer('GET', '/api/churn-warnings');
    expect(own.body.items.map((w: Json) => w.tenantId)).toEqual(['acme', 'acme']);
    expect((await customer('GET', '/api/churn-warnings?tenantId=globex')).body.items).toEqual([]);
    expect(
      (await provider('GET', '/api/churn-warnings?tenantId=globex')).body.items.map(
        (w: Json) => w.tenantId,
      ),
    ).toEqual(['globex']);
  });
});
