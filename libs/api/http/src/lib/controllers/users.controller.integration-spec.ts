import { createHash } from 'node:crypto';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { UsersController } from './users.controller';
import {
  ADMIN_TOKEN,
  MODEL_VERSION,
  call,
  seedTwoTenants,
  startFixtureApi,
  type Json,
} from './users-api.fixture';

const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };
// Completing an order takes a failure report (issue 14); without prices it leaves the cost alone.
const report = (failureCode = 'HPC-MODULE-REPLACED') => ({
  outcome: 'DEFECT_CONFIRMED_REPLACED',
  failureCode,
  parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
  labourHours: 6,
});

// Named users through real HTTP: tokens, tenant scope, roles, audits and task cost, on both SQL engines.
forEachSqlBackend(UsersController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const as = (token: string | null) => (method: string, path: string, body?: unknown) =>
    call(api.port, token, method, path, body);
  const admin = as(ADMIN_TOKEN);
  const users: Record<string, { id: string; token: string }> = {};
  const ids = (r: { body: Json }) => r.body.items.map((i: Json) => i.id);

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db());
    for (const tenant of ['acme', 'globex']) {
      const created = await admin('POST', '/api/contracts', {
        id: `${tenant}-c`,
        name: tenant,
        tenantId: tenant,
        assetIds: [`${tenant}-1`],
        terms: TERMS,
      });
      expect(created.status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('creates users whose token works, is shown once and is stored only as its SHA-256', async () => {
    for (const [name, role, tenantId] of [
      ['pat@provider', 'provider', undefined],
      ['cora@acme', 'customer', 'acme'],
      ['ada', 'provider-admin', undefined],
    ] as const) {
      const created = await admin('POST', '/api/users', { name, role, tenantId });
      expect(created).toMatchObject({
        status: 201,
        body: { name, role, tenantId: tenantId ?? null, createdBy: 'admin', disabledAt: null },
      });
      expect(created.body.token).toMatch(/^hgu_[A-Za-z0-9_-]{43}$/);
      users[name] = { id: created.body.id, token: created.body.token };
    }
    const listed = await admin('GET', '/api/users');
    expect(listed.body.items.map((u: Json) => u.name)).toEqual([
      'pat@provider',
      'cora@acme',
      'ada',
    ]);
    expect(JSON.stringify(listed.body)).not.toContain('hgu_');
    const stored = await db().query<{ token_hash: string }>(
      'select token_hash from user_tokens t join users u on u.id = t.user_id where u.name = $1',
      ['cora@acme'],
    );
    expect(stored).toEqual([
      { token_hash: createHash('sha256').update(users['cora@acme'].token).digest('hex') },
    ]);
    expect(await db().query(`select * from user_tokens where token_hash like 'hgu_%'`)).toEqual([]);
    // A provider-admin user manages users too; its name is the creator.
    const byAda = await as(users['ada'].token)('POST', '/api/users', {
      name: 'sam',
      role: 'provider',
    });
    expect(byAda).toMatchObject({ status: 201, body: { createdBy: 'ada' } });
  });

  it('validates new users: tenant for customers only, unique names, reserved names', async () => {
    const bad = async (body: unknown, status: number, message: RegExp) => {
      const r = await admin('POST', '/api/users', body);
      expect(r).toMatchObject({
        status,
        body: { error: { message: expect.stringMatching(message) } },
      });
    };
    await bad(
      { name: 'nobody', role: 'customer' },
      400,
      /tenantId: a customer user needs a tenant/,
    );
    await bad({ name: 'nobody', role: 'provider', tenantId: 'acme' }, 400, /provider staff/);
    await bad({ name: 'PAT@provider', role: 'provider' }, 409, /a user named PAT@provider exists/);
    await bad({ name: 'Admin', role: 'provider' }, 400, /reserved/);
    await bad({ name: 'tenant:acme', role: 'provider' }, 400, /name/);
    await bad({ name: 'x1', role: 'owner' }, 400, /role/);
  });

  it('answers 401 without a token or with an unknown one, and 403 to non-admins on /api/users', async () => {
    expect(await as(null)('GET', '/api/assets')).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringMatching(/missing bearer token/) } },
    });
    expect(await as('hgu_not-a-real-token')('GET', '/api/assets')).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringMatching(/invalid bearer token/) } },
    });
    expect(await as(users['pat@provider'].token)('GET', '/api/users')).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/only provider-admin users manage users/) } },
    });
    expect(
      (
        await as(users['cora@acme'].token)('POST', '/api/users', {
          name: 'eve',
          role: 'provider-admin',
        })
      ).status,
    ).toBe(403);
  });

  it("shows a customer only its tenant's devices, assets, tasks and contracts", async () => {
    const cora = as(users['cora@acme'].token);
    expect(ids(await cora('GET', '/api/devices'))).toEqual(['acme-1']);
    expect(ids(await cora('GET', '/api/assets'))).toEqual(['acme-1']);
    expect(ids(await cora('GET', '/api/tasks'))).toEqual(['acme-task']);
    expect(ids(await cora('GET', '/api/contracts'))).toEqual(['acme-c']);
    expect((await cora('GET', '/api/assets/globex-1')).status).toBe(404);
    expect((await cora('GET', '/api/tasks/globex-task')).status).toBe(404);
    expect((await cora('GET', '/api/contracts/globex-c')).status).toBe(404);
    expect((await cora('GET', '/api/contracts/acme-c')).status).toBe(200);
    // The provider's staff see every tenant.
    expect(ids(await as(users['pat@provider'].token)('GET', '/api/assets'))).toEqual([
      'acme-1',
      'globex-1',
    ]);
  });

  it('lets a customer work its own tasks but change nothing else (403)', async () => {
    const cora = as(users['cora@acme'].token);
    // Issue 12 item 4: a customer no longer sees a task's cost (it was `cost: '0.00'` here).
    const worked = await cora('PATCH', '/api/tasks/acme-task', { status: 'IN_PROGRESS' });
    expect(worked).toMatchObject({ status: 200, body: { status: 'IN_PROGRESS' } });
    expect(worked.body).not.toHaveProperty('cost');
    expect((await cora('PATCH', '/api/tasks/globex-task', { status: 'CANCELLED' })).status).toBe(
      404,
    );
    expect(await cora('PATCH', '/api/tasks/acme-task', { cost: '10.00' })).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/only provider users set it/) } },
    });
    const forbidden = [
      ['POST', '/api/contracts', { id: 'acme-2', name: 'x', terms: TERMS }],
      [
        'POST',
        '/api/contracts/acme-c/versions',
        { effectiveFrom: new Date().toISOString(), terms: {} },
      ],
      ['POST', '/api/contracts/acme-c/billing-runs', { period: '2026-01' }],
      ['PUT', '/api/warning-policies/turbofan', { threshold: 0.7, horizon: 20, consecutive: 2 }],
      ['POST', `/api/models/${encodeURIComponent(MODEL_VERSION)}/promote`, undefined],
      ['POST', '/api/devices', { id: 'acme-2', type: 'turbofan' }],
    ] as const;
    for (const [method, path, body] of forbidden) {
      const r = await cora(method, path, body);
      expect([path, r.status, r.body.error.message]).toEqual([
        path,
        403,
        expect.stringMatching(/needs a provider user/),
      ]);
    }
    expect(await db().query(`select id from contracts where id = 'acme-2'`)).toEqual([]);
  });

  it("records the user's name in contract, warning-policy and model deployment audits", async () => {
    const pat = as(users['pat@provider'].token);
    const now = Date.now();
    const window = await pat('POST', '/api/contracts/acme-c/windows', {
      kind: 'PLANNED_MAINT',
      start: new Date(now + 86_400_000).toISOString(),
      end: new Date(now + 90_000_000).toISOString(),
    });
    expect(window).toMatchObject({
      status: 201,
      body: { approvedBy: 'pat@provider', createdBy: 'pat@provider' },
    });
    // Issue 12 item 4: the audit names the provider's staff, so customers get 403 (this read was cora's).
    expect((await as(users['cora@acme'].token)('GET', '/api/contracts/acme-c/audit')).status).toBe(
      403,
    );
    const audit = await pat('GET', '/api/contracts/acme-c/audit');
    expect(audit.body.items.map((a: Json) => [a.action, a.actor])).toEqual([
      ['ADD_WINDOW', 'pat@provider'],
      ['CREATE', 'admin'],
    ]);
    const [row] = await db().query<{ actor: string }>(
      `select actor from contract_audit where contract_id = 'acme-c' order by id desc limit 1`,
    );
    expect(row.actor).toBe('pat@provider');
    expect(
      (
        await pat('PUT', '/api/warning-policies/turbofan', {
          threshold: 0.7,
          horizon: 20,
          consecutive: 2,
        })
      ).body,
    ).toMatchObject({ updatedBy: 'pat@provider' });
    expect(
      (await pat('POST', `/api/models/${encodeURIComponent(MODEL_VERSION)}/promote`)).body.active,
    ).toMatchObject({ changedBy: 'pat@provider' });
    expect((await pat('GET', '/api/models/history')).body.items).toEqual([
      expect.objectContaining({ action: 'PROMOTE', actor: 'pat@provider' }),
    ]);
  });

  it('stores a task cost exactly and subtracts it from the contract service margin', async () => {
    const pat = as(users['pat@provider'].token);
    const before = await pat('GET', '/api/contracts/acme-c/health');
    expect(before).toMatchObject({
      status: 200,
      body: { margin: { taskCost: '0.00', completedTasks: 0, margin: '0.00' } },
    });
    for (const cost of ['12.345', -1, '1e3', 'ten']) {
      const r = await pat('PATCH', '/api/tasks/acme-task', { status: 'DONE', cost });
      expect([cost, r.status, r.body.error.message]).toEqual([
        cost,
        400,
        expect.stringMatching(/^cost: /),
      ]);
    }
    expect((await pat('GET', '/api/tasks/acme-task')).body).toMatchObject({
      status: 'IN_PROGRESS',
      cost: '0.00',
    });
    const done = await pat('PATCH', '/api/tasks/acme-task', {
      status: 'DONE',
      outcome: 'replaced',
      cost: '1250.5',
      report: report(),
    });
    expect(done).toMatchObject({
      status: 200,
      body: { status: 'DONE', outcome: 'replaced', cost: '1250.50' },
    });
    // OPEN -> DONE is no transition of the work-order lifecycle (issue 14): work starts first.
    expect((await pat('PATCH', '/api/tasks/globex-task', { status: 'IN_PROGRESS' })).status).toBe(
      200,
    );
    expect(
      (
        await pat('PATCH', '/api/tasks/globex-task', {
          status: 'DONE',
          cost: 99.99,
          report: report(),
        })
      ).body,
    ).toMatchObject({ cost: '99.99' });
    // Issue 12 item 4: the margin is the provider's; a customer's health has none (this read was cora's).
    expect(
      (await as(users['cora@acme'].token)('GET', '/api/contracts/acme-c/health')).body,
    ).not.toHaveProperty('margin');
    const after = await pat('GET', '/api/contracts/acme-c/health');
    expect(after.body.margin).toMatchObject({
      revenue: '0.00',
      taskCost: '1250.50',
      completedTasks: 1,
      margin: '-1250.50',
      marginPct: null,
    });
    expect((await pat('GET', '/api/contracts/globex-c/health')).body.margin).toMatchObject({
      taskCost: '99.99',
      completedTasks: 1,
    });
  });

  it('counts a task in the margin by when it was completed, not by a cost set later', async () => {
    const pat = as(users['pat@provider'].token);
    const insert = (id: string, component: string, status: string, completedAt: string | null) =>
      db().query(
        `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, created_at, updated_at, completed_at, asset_type)
         values ($1, 'acme', 'acme-1', $2, $3, 'HIGH', 12, 0.9, 'm@1', now(), '2000-01-01', '2000-01-15', $4, 'turbofan')`,
        [id, component, status, completedAt],
      );
    // Done long before the margin's periods; its cost is set today.
    await insert('acme-old', 'fan', 'DONE', '2000-01-15T00:00:00Z');
    const old = await pat('PATCH', '/api/tasks/acme-old', { cost: '300.00' });
    expect(old).toMatchObject({
      status: 200,
      body: { status: 'DONE', cost: '300.00', completedAt: '2000-01-15T00:00:00.000Z' },
    });
    expect(Date.parse(old.body.updatedAt)).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z'));
    // Done now without a cost; the cost follows in a later PATCH.
    await insert('acme-late', 'hpt-module', 'IN_PROGRESS', null);
    const done = await pat('PATCH', '/api/tasks/acme-late', {
      status: 'DONE',
      outcome: 'replaced',
      report: report('HPT-MODULE-REPLACED'),
    });
    expect(done).toMatchObject({
      status: 200,
      body: { status: 'DONE', cost: '0.00', completedAt: expect.any(String) },
    });
    const costed = await pat('PATCH', '/api/tasks/acme-late', { cost: '100.00' });
    expect(costed.body).toMatchObject({ cost: '100.00', completedAt: done.body.completedAt });
    const health = await pat('GET', '/api/contracts/acme-c/health');
    expect(health.body.margin).toMatchObject({
      taskCost: '1350.50',
      completedTasks: 2,
      margin: '-1350.50',
    });
  });

  it('refuses a disabled user at once (401) and a rotated-out token, keeping the user listed', async () => {
    const cora = as(users['cora@acme'].token);
    expect((await cora('GET', '/api/tasks')).status).toBe(200);
    const disabled = await admin('DELETE', `/api/users/${users['cora@acme'].id}`);
    expect(disabled).toMatchObject({
      status: 200,
      body: { name: 'cora@acme', disabledAt: expect.any(String), disabledBy: 'admin' },
    });
    expect(await cora('GET', '/api/tasks')).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringMatching(/disabled/) } },
    });
    expect((await admin('POST', `/api/users/${users['cora@acme'].id}/token`)).status).toBe(404);
    expect((await admin('GET', `/api/users/${users['cora@acme'].id}`)).body).toMatchObject({
      disabledAt: expect.any(String),
    });
    expect(
      (await admin('POST', '/api/users', { name: 'cora@acme', role: 'customer', tenantId: 'acme' }))
        .status,
    ).toBe(409);

    const rotated = await admin('POST', `/api/users/${users['pat@provider'].id}/token`);
    expect(rotated).toMatchObject({
      status: 200,
      body: { name: 'pat@provider', token: expect.stringMatching(/^hgu_/) },
    });
    expect((await as(users['pat@provider'].token)('GET', '/api/assets')).status).toBe(401);
    expect((await as(rotated.body.token)('GET', '/api/assets')).status).toBe(200);
    expect((await admin('DELETE', '/api/users/nobody')).status).toBe(404);
  });
});
