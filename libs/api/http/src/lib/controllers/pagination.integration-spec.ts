import { BillingRunService } from '@hourglass/billing-records';
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

const N = 230;
const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };

/** N more devices, assets and tasks of acme (tasks created in one statement, so many share a creation instant), and N dead letters. */
async function seedMany(db: SqlDatabase): Promise<void> {
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select 'acme-d' || lpad(i::text, 4, '0'), 'acme', 'turbofan', 'acme-d' || lpad(i::text, 4, '0'), 'x' from generate_series(1, $1::int) i`,
    [N],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) select id, tenant_id, id, type from devices where id like 'acme-d%'`,
  );
  await db.query(
    `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, created_at)
     select 't-' || a.id, 'acme', a.id, 'hpc-module', 'OPEN', 'LOW', 50, 0.6, 'm@1', now(),
            timestamptz '2025-01-01T00:00:00Z' + (row_number() over (order by a.id) / 7) * interval '1 second'
     from assets a where a.id like 'acme-d%'`,
  );
  await db.query(
    `insert into dead_letters (device_id, topic, reason, detail, payload)
     select 'acme-1', 'devices/acme-1/telemetry', 'invalid_json', 'x', '{' from generate_series(1, $1::int)`,
    [N],
  );
}

/** Every item of a list, following nextCursor with `limit`; and how many pages it took. */
async function walk(
  get: (path: string) => Promise<{ status: number; body: Json }>,
  path: string,
  limit: number,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.body.items.map((i: Json) => String(i.id)));
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

// Issue 12 item 9, hostile input R6: bounded list pages with keyset cursors, and the contract health cache, through real HTTP on both SQL engines.
forEachSqlBackend('List pagination and the health cache', (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const admin = (path: string) => call(api.port, ADMIN_TOKEN, 'GET', path);
  let customer: (path: string) => Promise<{ status: number; body: Json }>;

  beforeAll(async () => {
    await seedTwoTenants(db());
    await seedMany(db());
    api = await startFixtureApi(db());
    for (const [id, tenantId] of [
      ['c-acme-1', 'acme'],
      ['c-acme-2', 'acme'],
      ['c-globex', 'globex'],
    ]) {
      expect(
        (
          await call(api.port, ADMIN_TOKEN, 'POST', '/api/contracts', {
            id,
            name: id,
            tenantId,
            fleet: true,
            terms: TERMS,
          })
        ).status,
      ).toBe(201);
    }
    const tokens = await createProviderAndCustomer((method, path, body) =>
      call(api.port, ADMIN_TOKEN, method, path, body),
    );
    customer = (path) => call(api.port, tokens.customer, 'GET', path);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it.each(['/api/devices', '/api/assets', '/api/tasks', '/api/dead-letters'])(
    'answers %s without a limit with the first 100 and a cursor',
    async (path) => {
      const page = await admin(path);
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(100);
      expect(page.body.nextCursor).toEqual(expect.any(String));
    },
  );

  it.each([
    ['/api/devices', N + 2],
    ['/api/assets', N + 2],
    ['/api/tasks', N + 2],
    ['/api/dead-letters', N],
  ])(
    'gives every row of %s once, in a stable order, following the cursors',
    async (path, total) => {
      const all = await walk(admin, path, 1_000);
      const paged = await walk(admin, path, 7);
      expect(all.pages).toBe(1);
      expect(paged.ids).toEqual(all.ids);
      expect(new Set(paged.ids).size).toBe(total);
      expect(paged.pages).toBe(Math.ceil(total / 7));
    },
  );

  it('pages contracts and users, and the last page has no cursor', async () => {
    const contracts = await walk(admin, '/api/contracts', 2);
    expect(contracts).toEqual({ ids: ['c-acme-1', 'c-acme-2', 'c-globex'], pages: 2 });
    const users = await walk(admin, '/api/users', 1);
    expect(users.ids).toHaveLength(2);
    expect(users.pages).toBe(2);
  });

  it('keeps a customer within its tenant on every page', async () => {
    const devices = await walk(customer, '/api/devices', 50);
    expect(devices.ids).toHaveLength(N + 1);
    expect(devices.ids.every((id) => id.startsWith('acme-'))).toBe(true);
    expect((await walk(customer, '/api/contracts', 1)).ids).toEqual(['c-acme-1', 'c-acme-2']);
  });

  it.each(['limit=0', 'limit=1001', 'limit=ten', 'cursor=%%%', 'cursor=WzEuNV0', 'offset=5'])(
    'answers a list with %s with a 400 naming the field',
    async (query) => {
      for (const path of [
        '/api/devices',
        '/api/assets',
        '/api/tasks',
        '/api/contracts',
        '/api/users',
        '/api/dead-letters',
      ]) {
        const r = await admin(`${path}?${query}`);
        expect(r).toMatchObject({
          status: 400,
          body: {
            error: { code: 'VALIDATION', message: expect.stringContaining(query.split('=')[0]) },
          },
        });
      }
    },
  );

  it('serves a contract health again without re-rating until an input changes', async () => {
    const rating = jest.spyOn(BillingRunService.prototype, 'rateOnly');
    try {
      const first = await admin('/api/contracts/c-acme-1/health');
      expect(first.status).toBe(200);
      const rated = rating.mock.calls.length;
      expect(rated).toBeGreaterThan(0);
      const again = await admin('/api/contracts/c-acme-1/health');
      expect(again.body).toEqual(first.body);
      expect(rating.mock.calls.length).toBe(rated);

      await db().query(
        `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ('acme-1', 'acme', now() - interval '1 minute', 'STATE', 'RUN')`,
      );
      expect((await admin('/api/contracts/c-acme-1/health')).status).toBe(200);
      expect(rating.mock.calls.length).toBeGreaterThan(rated);
      const afterEvent = rating.mock.calls.length;

      // OPEN -> DONE is no transition of the work-order lifecycle: work starts first, and completion carries a failure report.
      expect(
        (
          await call(api.port, ADMIN_TOKEN, 'PATCH', '/api/tasks/acme-task', {
            status: 'IN_PROGRESS',
          })
        ).status,
      ).toBe(200);
      const report = {
        outcome: 'DEFECT_CONFIRMED_REPLACED',
        failureCode: 'HPC-MODULE-REPLACED',
        parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
        labourHours: 6,
      };
      expect(
        (
          await call(api.port, ADMIN_TOKEN, 'PATCH', '/api/tasks/acme-task', {
            status: 'DONE',
            cost: '10.00',
            report,
          })
        ).status,
      ).toBe(200);
      await admin('/api/contracts/c-acme-1/health');
      expect(rating.mock.calls.length).toBeGreaterThan(afterEvent);
    } finally {
      rating.mockRestore();
    }
  });
});
