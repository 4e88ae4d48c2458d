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

const TERMS = {
  tz: 'UTC',
  currency: 'EUR',
  ratePerHour: '100.00',
  slaTarget: '0.99',
  plannedNoticeSeconds: 604800,
};
const DAY = 86_400_000;

// Issue 12 item 8: a customer's approval of a calendar window is the customer's own action, through real HTTP on both SQL engines.
forEachSqlBackend('Calendar window approval', (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  let provider: (
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: Json }>;
  let customer: typeof provider;
  const start = new Date(Date.now() + 10 * DAY).toISOString();
  const end = new Date(Date.now() + 11 * DAY).toISOString();
  const window = { assetId: 'acme-1', kind: 'PLANNED_MAINT', start, end };

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db());
    const admin = (method: string, path: string, body?: unknown) =>
      call(api.port, ADMIN_TOKEN, method, path, body);
    const tokens = await createProviderAndCustomer(admin);
    provider = (method, path, body) => call(api.port, tokens.provider, method, path, body);
    customer = (method, path, body) => call(api.port, tokens.customer, method, path, body);
    expect(
      (
        await admin('POST', '/api/contracts', {
          id: 'acme-c',
          name: 'Acme',
          tenantId: 'acme',
          fleet: true,
          terms: TERMS,
        })
      ).status,
    ).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("refuses a provider user's window that names someone else as approver or back-dates its announcement", async () => {
    const forged = await provider('POST', '/api/contracts/acme-c/windows', {
      ...window,
      approvedBy: 'cora@acme',
    });
    expect(forged).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', message: expect.stringMatching(/^approvedBy: /) } },
    });
    const backDated = await provider('POST', '/api/contracts/acme-c/windows', {
      ...window,
      announcedAt: new Date(Date.now() - 30 * DAY).toISOString(),
    });
    expect(backDated).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', message: expect.stringMatching(/^announcedAt: /) } },
    });
    expect((await db().query(`select id from calendar_windows`)).length).toBe(0);
  });

  it('records a provider window under its own name, announced now or later', async () => {
    const own = await provider('POST', '/api/contracts/acme-c/windows', {
      ...window,
      approvedBy: 'pat@provider',
    });
    expect(own).toMatchObject({ status: 201, body: { approvedBy: 'pat@provider' } });
    expect(Math.abs(Date.parse(own.body.announcedAt) - Date.now())).toBeLessThan(60_000);
    const later = await provider('POST', '/api/contracts/acme-c/windows', {
      ...window,
      announcedAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect(later.status).toBe(201);
  });

  it("lets a customer user approve a window of its contract under its own name at the server's time; audited", async () => {
    const recorded = await provider('POST', '/api/contracts/acme-c/windows', window);
    const path = `/api/contracts/acme-c/windows/${recorded.body.id}/approval`;
    expect((await provider('POST', path)).status).toBe(403);
    const before = Date.now();
    const approved = await customer('POST', path);
    expect(approved).toMatchObject({
      status: 200,
      body: {
        id: recorded.body.id,
        approvedBy: 'cora@acme',
        announcedAt: recorded.body.announcedAt,
      },
    });
    // The staff member who recorded the window is not the customer's to see, here as in the list.
    expect(recorded.body.createdBy).toEqual(expect.any(String));
    expect(approved.body).not.toHaveProperty('createdBy');
    expect(Date.parse(approved.body.approvedAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(approved.body.approvedAt)).toBeLessThanOrEqual(Date.now() + 1_000);
    const seen = (await customer('GET', '/api/contracts/acme-c/windows')).body.items.find(
      (w: Json) => w.id === recorded.body.id,
    );
    expect(seen.approvedBy).toBe('cora@acme');
    const audit = (await call(api.port, ADMIN_TOKEN, 'GET', '/api/contracts/acme-c/audit')).body
      .items[0];
    expect(audit).toMatchObject({
      actor: 'cora@acme',
      action: 'APPROVE_WINDOW',
      detail: { id: recorded.body.id },
    });
    expect((await customer('POST', '/api/contracts/acme-c/windows/w-none/approval')).status).toBe(
      404,
    );
  });
});
