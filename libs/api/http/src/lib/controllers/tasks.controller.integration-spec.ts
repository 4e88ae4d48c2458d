import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { TasksController } from './tasks.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  type ApiCall,
  type Json,
} from './users-api.fixture';

// Work orders through real HTTP: the lifecycle, 409s naming the allowed statuses, the history.
forEachSqlBackend(TasksController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  let pat: ApiCall;
  let cora: ApiCall;

  beforeAll(async () => {
    await seedTwoTenants(db());
    api = await startFixtureApi(db());
    const admin: ApiCall = (method, path, body) => call(api.port, ADMIN_TOKEN, method, path, body);
    const tokens = await createProviderAndCustomer(admin);
    pat = (method, path, body) => call(api.port, tokens.provider, method, path, body);
    cora = (method, path, body) => call(api.port, tokens.customer, method, path, body);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('answers an illegal transition with 409 naming the allowed statuses, and changes nothing', async () => {
    const r = await pat('PATCH', '/api/tasks/acme-task', { status: 'DONE' });
    expect(r).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'ILLEGAL_TRANSITION',
          message: expect.stringContaining(
            'allowed from OPEN: ACKNOWLEDGED, SCHEDULED, IN_PROGRESS, CANCELLED',
          ),
        },
      },
    });
    expect((await pat('GET', '/api/tasks/acme-task')).body.status).toBe('OPEN');
    expect((await pat('PATCH', '/api/tasks/acme-task', { status: 'PENDING' })).status).toBe(400);
  });

  it('schedules with a planned date and assignee (400 naming the one missing) and records each step by name', async () => {
    expect((await cora('PATCH', '/api/tasks/acme-task', { status: 'ACKNOWLEDGED' })).status).toBe(
      200,
    );
    const missing = await pat('PATCH', '/api/tasks/acme-task', {
      status: 'SCHEDULED',
      plannedFor: '2027-01-05T08:00:00Z',
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^assignee: /) } },
    });
    const scheduled = await pat('PATCH', '/api/tasks/acme-task', {
      status: 'SCHEDULED',
      plannedFor: '2027-01-05T08:00:00Z',
      assignee: 'tech-7',
    });
    expect(scheduled).toMatchObject({
      status: 200,
      body: { status: 'SCHEDULED', plannedFor: '2027-01-05T08:00:00.000Z', assignee: 'tech-7' },
    });
    expect((await pat('PATCH', '/api/tasks/acme-task', { status: 'IN_PROGRESS' })).status).toBe(
      200,
    );
    const cancel = await pat('PATCH', '/api/tasks/acme-task', { status: 'CANCELLED' });
    expect(cancel).toMatchObject({
      status: 409,
      body: {
        error: {
          message: expect.stringContaining('allowed from IN_PROGRESS: WAITING_PARTS, DONE'),
        },
      },
    });
    // The fixture inserts its orders directly: no RAISED entry.
    const history = await cora('GET', '/api/tasks/acme-task/history');
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: Json) => [h.from, h.to, h.actor])).toEqual([
      ['OPEN', 'ACKNOWLEDGED', 'cora@acme'],
      ['ACKNOWLEDGED', 'SCHEDULED', 'pat@provider'],
      ['SCHEDULED', 'IN_PROGRESS', 'pat@provider'],
    ]);
  });

  it("answers 404 for another tenant's history", async () => {
    expect((await cora('GET', '/api/tasks/globex-task/history')).status).toBe(404);
    expect((await pat('GET', '/api/tasks/nope/history')).status).toBe(404);
  });

  it('completes an order only with a failure report, naming the missing field, and prices it from parts and labour', async () => {
    const done = (body: Json) => pat('PATCH', '/api/tasks/acme-task', { status: 'DONE', ...body });
    expect(await done({})).toMatchObject({
      status: 400,
      body: { error: { code: 'WORK_ORDER_INVALID', message: expect.stringMatching(/^report: /) } },
    });
    expect(
      await done({ report: { outcome: 'DEFECT_CONFIRMED_REPLACED', parts: [], labourHours: 2 } }),
    ).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^report\.failureCode: /) } },
    });
    const wrong = await done({
      report: { outcome: 'OTHER', failureCode: 'HPT-OVERTEMP', parts: [], labourHours: 2 },
    });
    expect(wrong).toMatchObject({
      status: 400,
      body: {
        error: {
          message: expect.stringContaining('not a problem, cause or remedy under hpc-module'),
        },
      },
    });
    const priced = {
      outcome: 'DEFECT_CONFIRMED_REPLACED',
      failureCode: 'HPC-MODULE-REPLACED',
      parts: [
        { partNumber: 'HPC-MOD-7731', quantity: 1, unitCost: '185000.00' },
        { partNumber: 'BORESCOPE-PLUG-3', quantity: 2, unitCost: '85.50' },
      ],
      labourHours: 7.5,
      labourRate: '95.00',
    };
    expect(
      (await cora('PATCH', '/api/tasks/acme-task', { status: 'DONE', report: priced })).status,
    ).toBe(403);
    const completed = await done({ report: priced });
    expect(completed).toMatchObject({
      status: 200,
      body: {
        status: 'DONE',
        cost: '185883.50',
        failureReport: priced,
        completedAt: expect.any(String),
      },
    });
    const last = (await pat('GET', '/api/tasks/acme-task/history')).body.items.at(-1);
    expect(last).toMatchObject({
      from: 'IN_PROGRESS',
      to: 'DONE',
      actor: 'pat@provider',
      detail: { outcome: 'DEFECT_CONFIRMED_REPLACED', failureCode: 'HPC-MODULE-REPLACED' },
    });
  });

  it('lists and replaces failure codes per asset type, refusing a broken hierarchy', async () => {
    const seeded = await cora('GET', '/api/failure-codes/turbofan');
    expect(
      seeded.body.items.filter((c: Json) => c.level === 'COMPONENT').map((c: Json) => c.code),
    ).toEqual(['fan-module', 'hpc-module', 'hpt-module']);
    const codes = [
      { code: 'impeller', level: 'COMPONENT', description: 'impeller' },
      { code: 'IMP-CAVITATION', level: 'PROBLEM', parent: 'impeller', description: 'cavitation' },
    ];
    expect((await cora('PUT', '/api/failure-codes/pump', { codes })).status).toBe(403);
    expect(
      (
        await pat('PUT', '/api/failure-codes/pump', {
          codes: [{ ...codes[1], level: 'CAUSE' }, codes[0]],
        })
      ).body.error.message,
    ).toMatch(/a CAUSE goes under a PROBLEM/);
    const put = await pat('PUT', '/api/failure-codes/pump', { codes });
    expect(put).toMatchObject({
      status: 200,
      body: {
        items: [
          { code: 'impeller', parent: null },
          { code: 'IMP-CAVITATION', parent: 'impeller' },
        ],
      },
    });
  });
});
