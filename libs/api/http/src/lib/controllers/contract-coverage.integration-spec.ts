import { BillingRunService, BillingStores, shiftPeriodId } from '@hourglass/billing-records';
import { monthPeriod, periodContaining } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { ContractsController } from './contracts.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  type Json,
} from './users-api.fixture';

const DAY = 86_400_000;
const HALF_HOUR = 1_800_000;
const TERMS = {
  tz: 'UTC',
  currency: 'EUR',
  ratePerHour: '100.00',
  slaTarget: '0.99',
  creditBands: [{ lo: '0', hi: '0.99', pct: '0.10' }],
  heartbeatTimeoutSeconds: 3600,
  lookbackPeriods: 120,
};

/** RUN: a STATE then HEARTBEAT events of `assetId` every half hour through [from, to), received a second after. */
async function running(db: SqlDatabase, assetId: string, from: number, to: number): Promise<void> {
  const times: string[] = [];
  for (let t = from; t < to; t += HALF_HOUR) times.push(new Date(t).toISOString());
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
     select $1, 'acme', u.t, case when u.i = 1 then 'STATE' else 'HEARTBEAT' end, 'RUN', u.t + interval '1 second'
     from unnest($2::timestamptz[]) with ordinality as u(t, i)`,
    [assetId, times],
  );
}

// Effective-dated coverage through real HTTP on both SQL engines: assets added and removed mid-period are billed while covered.
forEachSqlBackend(`${ContractsController.name} coverage`, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const as = (token: string) => (method: string, path: string, body?: unknown) =>
    call(api.port, token, method, path, body);
  const admin = as(ADMIN_TOKEN);
  let provider: ReturnType<typeof as>;
  let customer: ReturnType<typeof as>;
  const currentId = periodContaining('UTC', Date.now()).id;
  // Past their grace period whatever today is: F is issued first, Q gets coverage changes; R is rated as if in its grace period.
  const F = monthPeriod('UTC', shiftPeriodId(currentId, -4));
  const Q = monthPeriod('UTC', shiftPeriodId(currentId, -3));
  const R = monthPeriod('UTC', shiftPeriodId(currentId, -2));
  const ms = (us: number) => us / 1000;
  const iso = (t: number) => new Date(t).toISOString();
  const isoUs = (t: number) => iso(t).replace('Z', '000Z');
  const qDay = (n: number) => ms(Q.startUs) + n * DAY;
  const qDays = (Q.endUs - Q.startUs) / 1000 / DAY;

  beforeAll(async () => {
    await seedTwoTenants(db());
    await db().query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ('acme-2', 'acme', 'turbofan', 'acme-2', 'x')`,
    );
    await db().query(
      `insert into assets (id, tenant_id, device_id, type) values ('acme-2', 'acme', 'acme-2', 'turbofan')`,
    );
    await db().query(`update assets set created_at = $1 where tenant_id = 'acme'`, [
      iso(ms(F.startUs) - 60 * DAY),
    ]);
    await running(db(), 'acme-1', ms(F.startUs), ms(R.endUs));
    await running(db(), 'acme-2', ms(F.startUs), ms(R.endUs));
    api = await startFixtureApi(db());
    const created = await admin('POST', '/api/contracts', {
      id: 'acme-cov',
      name: 'Acme',
      tenantId: 'acme',
      assetIds: ['acme-1'],
      effectiveFrom: iso(ms(F.startUs)),
      terms: TERMS,
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        assetIds: ['acme-1'],
        coverage: [{ assetId: 'acme-1', from: isoUs(ms(F.startUs)), to: null }],
      },
    });
    const tokens = await createProviderAndCustomer(admin);
    provider = as(tokens.provider);
    customer = as(tokens.customer);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const rate = (period: string) =>
    provider('POST', '/api/contracts/acme-cov/billing-runs', { period });
  const latestAudit = async () =>
    (await admin('GET', '/api/contracts/acme-cov/audit')).body.items[0];

  it('refuses changes inside an issued period, overlaps, unknown or foreign assets and customers', async () => {
    expect((await rate(F.id)).body).toMatchObject({
      written: true,
      record: {
        status: 'FINALIZED',
        billableHours: String(((F.endUs - F.startUs) / 1000 / DAY) * 24),
      },
    });
    const inIssued = await provider('POST', '/api/contracts/acme-cov/assets', {
      assetId: 'acme-2',
      from: iso(ms(F.startUs) + 5 * DAY),
    });
    expect(inIssued).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining(`period ${F.id} is already issued`) } },
    });
    const endInIssued = await provider(
      'DELETE',
      `/api/contracts/acme-cov/assets/acme-1?to=${encodeURIComponent(iso(ms(F.startUs) + 5 * DAY))}`,
    );
    expect(endInIssued).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining(`period ${F.id}`) } },
    });
    const overlap = await provider('POST', '/api/contracts/acme-cov/assets', {
      assetId: 'acme-1',
      from: iso(qDay(3)),
    });
    expect(overlap).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining('already covered') } },
    });
    expect(
      (
        await provider('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'globex-1',
          from: iso(qDay(9)),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await provider('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'nope',
          from: iso(qDay(9)),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await provider('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'acme-2',
          from: 'day ten',
        })
      ).status,
    ).toBe(400);
    expect((await provider('DELETE', '/api/contracts/acme-cov/assets/acme-2')).status).toBe(404);
    expect(
      (
        await customer('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'acme-2',
          from: iso(qDay(9)),
        })
      ).status,
    ).toBe(403);
    expect((await customer('DELETE', '/api/contracts/acme-cov/assets/acme-1')).status).toBe(403);
    expect(
      (await admin('GET', '/api/contracts/acme-cov/audit')).body.items.map((e: Json) => e.action),
    ).not.toContain('ADD_ASSET');
  });

  it('bills an asset added on day 10 from then and one removed on day 20 until then; audited with the user', async () => {
    const added = await provider('POST', '/api/contracts/acme-cov/assets', {
      assetId: 'acme-2',
      from: iso(qDay(9)),
    });
    expect(added).toMatchObject({ status: 201, body: { assetIds: ['acme-1', 'acme-2'] } });
    expect(await latestAudit()).toMatchObject({
      action: 'ADD_ASSET',
      actor: 'pat@provider',
      detail: { assetId: 'acme-2', from: isoUs(qDay(9)) },
    });
    const removed = await provider(
      'DELETE',
      `/api/contracts/acme-cov/assets/acme-1?to=${encodeURIComponent(iso(qDay(19)))}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.assetIds).toEqual(['acme-2']);
    expect(removed.body.coverage).toEqual([
      { assetId: 'acme-1', from: isoUs(ms(F.startUs)), to: isoUs(qDay(19)) },
      { assetId: 'acme-2', from: isoUs(qDay(9)), to: null },
    ]);
    expect(await latestAudit()).toMatchObject({
      action: 'REMOVE_ASSET',
      actor: 'pat@provider',
      detail: { assetId: 'acme-1', to: isoUs(qDay(19)) },
    });
    expect(
      (
        await provider('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'acme-2',
          from: iso(qDay(15)),
        })
      ).status,
    ).toBe(409);

    const rated = await rate(Q.id);
    const hours = 19 * 24 + (qDays - 9) * 24;
    expect(rated.body).toMatchObject({
      written: true,
      record: {
        period: Q.id,
        revision: 1,
        status: 'FINALIZED',
        billableHours: String(hours),
        availabilityPct: '100.000',
      },
    });
    expect(rated.body.lines.map((l: Json) => [l.kind, l.quantity, l.amount])).toEqual([
      ['USAGE', String(hours), `${hours * 100}.00`],
    ]);
    expect((await rate(Q.id)).body).toMatchObject({ written: false, record: { revision: 1 } });
  });

  it('covers an asset again later in a period in grace: the change makes a new draft revision billing both intervals, noticed by the round', async () => {
    const rDay = (n: number) => ms(R.startUs) + n * DAY;
    const rDays = (R.endUs - R.startUs) / 1000 / DAY;
    // Rated a day after R ended: in its grace period, so revisions stay drafts and coverage can still change.
    const round = new BillingRunService(db(), undefined, { now: () => ms(R.endUs) + DAY });
    expect(
      (
        await provider('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'acme-1',
          from: iso(rDay(4)),
        })
      ).status,
    ).toBe(201);
    const first = await round.rate(PROVIDER_SCOPE, 'acme-cov', R.id);
    expect(first.run).toMatchObject({
      revision: 1,
      status: 'DRAFT',
      billableHours: String((rDays - 4) * 24 + rDays * 24),
    });

    const stores = new BillingStores(db());
    const changed = async () =>
      stores.runs.changedSince(
        'acme-cov',
        ['acme-1', 'acme-2'],
        R.startUs,
        R.endUs,
        (await stores.runs.latest(PROVIDER_SCOPE, 'acme-cov', R.id))!,
      );
    expect(await changed()).toBe(false);
    expect(
      (await provider('DELETE', '/api/contracts/acme-cov/assets/acme-1', { to: iso(rDay(10)) }))
        .status,
    ).toBe(200);
    expect(await changed()).toBe(true);
    expect(
      (
        await provider('POST', '/api/contracts/acme-cov/assets', {
          assetId: 'acme-1',
          from: iso(rDay(20)),
        })
      ).status,
    ).toBe(201);

    const second = await round.rate(PROVIDER_SCOPE, 'acme-cov', R.id);
    expect(second).toMatchObject({
      written: true,
      run: {
        revision: 2,
        status: 'DRAFT',
        billableHours: String(6 * 24 + (rDays - 20) * 24 + rDays * 24),
      },
    });
    expect(second.run.changes).toContain(
      `asset coverage added: acme-1 ${isoUs(rDay(4))}..${isoUs(rDay(10))}, acme-1 ${isoUs(rDay(20))}..`,
    );
    expect(await round.rate(PROVIDER_SCOPE, 'acme-cov', R.id)).toMatchObject({
      written: false,
      run: { revision: 2 },
    });
  });

  it('counts a task in the service margin only when the contract covered its asset at its completion', async () => {
    // Coverage now: acme-1 from F's start to Q day 19 and R days 4-10 and from R day 20; acme-2 from Q day 9.
    const rDay = (n: number) => ms(R.startUs) + n * DAY;
    const done = [
      ['in-1', 'acme-1', qDay(5), 100], // covered
      ['gap-1', 'acme-1', rDay(1), 1_000], // between two coverage intervals
      ['before-2', 'acme-2', qDay(2), 10_000], // before acme-2 was added
      ['in-2', 'acme-2', rDay(2), 10], // covered
    ] as const;
    for (const [id, assetId, at, cost] of done) {
      await db().query(
        `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, cost, completed_at)
         values ($1, 'acme', $2, 'hpc-module', 'DONE', 'HIGH', 12, 0.9, 'm@1', now(), $3, $4)`,
        [id, assetId, cost, iso(at)],
      );
    }
    const health = await provider('GET', '/api/contracts/acme-cov/health');
    expect(health).toMatchObject({
      status: 200,
      body: { margin: { taskCost: '110.00', completedTasks: 2 } },
    });
  });
});
