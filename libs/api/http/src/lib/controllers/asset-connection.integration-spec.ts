import { assetResponseSchema } from '@hourglass/contracts-api';
import { DeviceConnectionRecorder } from '@hourglass/devices-registry';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  startApiWithProviderAndCustomer,
  type RoleCallers,
} from './users-api.fixture';

const CONNECTED_AT = Date.parse('2026-04-10T09:00:00Z');

// Issue 16: the connection the broker recorded, through HTTP, and the `connection` filter.
forEachSqlBackend('GET /api/assets connection', (db: () => SqlDatabase) => {
  let callers: RoleCallers;

  beforeAll(async () => {
    await seedTwoTenants(db());
    await db().query(
      `insert into assets (id, tenant_id, device_id, type) values ('acme-2', 'acme', 'acme-1', 'turbofan')`,
    );
    const recorder = new DeviceConnectionRecorder(db(), { now: () => CONNECTED_AT });
    recorder.onStatus('acme-1', 'online');
    recorder.onStatus('globex-1', 'offline');
    await recorder.flush();
    callers = await startApiWithProviderAndCustomer(db());
  }, 120_000);

  afterAll(async () => {
    await callers?.api.close();
  });

  const ids = (body: { items: Array<{ id: string }> }) => body.items.map((a) => a.id);

  it('answers each asset with its connection and since when, null before it connected', async () => {
    const r = await callers.provider('GET', '/api/assets');
    expect(r.status).toBe(200);
    const byId = new Map(
      r.body.items.map((a: unknown) => {
        const asset = assetResponseSchema.parse(a);
        return [asset.id, [asset.connection, asset.connectionSince]];
      }),
    );
    expect(Object.fromEntries(byId)).toEqual({
      'acme-1': ['ONLINE', '2026-04-10T09:00:00.000Z'],
      'acme-2': [null, null],
      'globex-1': ['OFFLINE', '2026-04-10T09:00:00.000Z'],
    });
    const one = await callers.customer('GET', '/api/assets/acme-1');
    expect(one.body).toMatchObject({ connection: 'ONLINE' });
  });

  it('filters by connection within the caller scope', async () => {
    expect(ids((await callers.provider('GET', '/api/assets?connection=ONLINE')).body)).toEqual([
      'acme-1',
    ]);
    expect(ids((await callers.provider('GET', '/api/assets?connection=OFFLINE')).body)).toEqual([
      'globex-1',
    ]);
    expect(ids((await callers.customer('GET', '/api/assets?connection=OFFLINE')).body)).toEqual([]);
    expect((await callers.provider('GET', '/api/assets?connection=online')).status).toBe(400);
  });
});
