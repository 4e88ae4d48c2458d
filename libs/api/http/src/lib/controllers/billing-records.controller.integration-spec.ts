import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shiftPeriodId } from '@hourglass/billing-records';
import { monthPeriod, periodContaining } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { openTestDatabase } from '@hourglass/testing-sql';
import { startFixtureApi } from './users-api.fixture';
import { BillingRecordsController } from './billing-records.controller';

const TOKEN = 'test-admin-token-0123456789';
const DAY = 86_400_000;
const HALF_HOUR = 1_800_000;

/** A loosely typed JSON answer (shapes are asserted by the tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** STATE then HEARTBEAT events every half hour through [from, to), as ingest stores them. */
async function states(
  db: SqlDatabase,
  assetId: string,
  state: string,
  from: number,
  to: number,
): Promise<void> {
  const times: string[] = [];
  for (let t = from; t < to; t += HALF_HOUR) times.push(new Date(t).toISOString());
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
     select $1, 'acme', u.t, case when u.i = 1 then 'STATE' else 'HEARTBEAT' end, $2, u.t + interval '1 second'
     from unnest($3::timestamptz[]) with ordinality as u(t, i)`,
    [assetId, state, times],
  );
}

describe(BillingRecordsController.name, () => {
  let db: SqlDatabase;
  let api: { port: number; close: () => Promise<void> };
  const now = Date.now();
  // A period four months back: past its grace period whatever today is.
  const period = monthPeriod('UTC', shiftPeriodId(periodContaining('UTC', now).id, -4));
  const start = period.startUs / 1000;
  const days = (period.endUs - period.startUs) / 1000 / DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${api.port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (json && text ? JSON.parse(text) : text) as Json,
    };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.query(`insert into tenants (id, name) values ('acme', 'Acme')`);
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ('api-1', 'acme', 'turbofan', 'api-1', 'x')`,
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type, created_at) values ('api-1', 'acme', 'api-1', 'turbofan', $1)`,
      [iso(start - 40 * DAY)],
    );
    await states(db, 'api-1', 'RUN', start, start + 10 * DAY);
    await states(db, 'api-1', 'FAULT', start + 10 * DAY, start + 11 * DAY);
    await states(db, 'api-1', 'RUN', start + 11 * DAY, period.endUs / 1000);
    // This period so far: running for up to two days until a minute ago.
    const current = periodContaining('UTC', now);
    await states(db, 'api-1', 'RUN', Math.max(current.startUs / 1000, now - 2 * DAY), now - 60_000);
    await db.query(`insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end)
      values ('api-1', 'acme', 0.9, 30, 12, 'm@1', now(), now())`);
    await db.query(`insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, cost, completed_at)
      values ('t-1', 'acme', 'api-1', 'hpc-module', 'DONE', 'HIGH', 12, 0.9, 'm@1', now(), 500, now())`);
    api = await startFixtureApi(db, {
      adminToken: TOKEN,
      modelsDir: mkdtempSync(join(tmpdir(), 'hg-api-billing-')),
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await db?.close();
  });

  it('creates a contract with version 1, validating the body', async () => {
    const terms = {
      tz: 'UTC',
      currency: 'EUR',
      ratePerHour: '100.00',
      slaTarget: '0.99',
      creditBands: [{ lo: '0', hi: '0.99', pct: '0.10' }],
      heartbeatTimeoutSeconds: 3600,
      lookbackPeriods: 120,
    };
    const body = {
      id: 'acme-phh',
      name: 'Acme PbH',
      tenantId: 'acme',
      assetIds: ['api-1'],
      effectiveFrom: iso(start - 31 * DAY),
      terms,
    };
    const created = await call('POST', '/api/contracts', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'acme-phh',
      assetIds: ['api-1'],
      versions: [
        {
          version: 1,
          createdBy: 'admin',
          effectiveTo: null,
          terms: { ratePerHour: '100.00', graceSeconds: 259200 },
        },
      ],
    });
    expect((await call('POST', '/api/contracts', body)).status).toBe(409);
    const bad = await call('POST', '/api/contracts', {
      ...body,
      id: 'x',
      terms: { ...terms, tz: 'Mars/Olympus', ratePerHour: 12 },
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /terms\.tz[\s\S]*terms\.ratePerHour|terms\.ratePerHour[\s\S]*terms\.tz/,
    );
    expect((await call('GET', '/api/contracts/nope')).status).toBe(404);
  });

  it('adds an effective-dated version, a window and an override, each audited with the caller', async () => {
    const from = iso(start + 16 * DAY);
    const v2 = await call('POST', '/api/contracts/acme-phh/versions', {
      effectiveFrom: from,
      terms: { ratePerHour: '200.00' },
    });
    expect(v2.status).toBe(201);
    expect(
      v2.body.versions.map((v: Json) => [v.version, v.effectiveTo, v.terms.ratePerHour]),
    ).toEqual([
      [1, from.replace('Z', '000Z'), '100.00'],
      [2, null, '200.00'],
    ]);
    expect(
      (
        await call('POST', '/api/contracts/acme-phh/versions', {
          effectiveFrom: iso(start),
          terms: {},
        })
      ).status,
    ).toBe(400);
    const window = await call('POST', '/api/contracts/acme-phh/windows', {
      assetId: 'api-1',
      kind: 'FORCE_MAJEURE',
      start: iso(start + 10 * DAY),
      end: iso(start + 11 * DAY),
    });
    expect(window).toMatchObject({
      status: 201,
      body: { kind: 'FORCE_MAJEURE', approvedBy: 'admin' },
    });
    const override = await call('POST', '/api/contracts/acme-phh/overrides', {
      assetId: 'api-1',
      start: iso(start + 20 * DAY),
      end: iso(start + 20 * DAY + 2 * 3_600_000),
      category: 'STANDBY',
      reason: 'test run at the customer',
    });
    expect(override).toMatchObject({ status: 201, body: { author: 'admin', category: 'STANDBY' } });
    expect(
      (
        await call('POST', '/api/contracts/acme-phh/overrides', {
          assetId: 'other',
          start: iso(start),
          end: iso(start + DAY),
          category: 'RUN',
          reason: 'nope',
        })
      ).status,
    ).toBe(400);
    const audit = await call('GET', '/api/contracts/acme-phh/audit');
    expect(audit.body.items.map((a: Json) => [a.action, a.actor])).toEqual([
      ['ADD_OVERRIDE', 'admin'],
      ['ADD_WINDOW', 'admin'],
      ['ADD_VERSION', 'admin'],
      ['CREATE', 'admin'],
    ]);
  });

  it('rates a period on demand, once per set of inputs, and serves the record, its lines as CSV, intervals and statement', async () => {
    const first = await call('POST', '/api/contracts/acme-phh/billing-runs', { period: period.id });
    expect(first.status).toBe(200);
    const v2Hours = (days - 16) * 24 - 2;
    expect(first.body).toMatchObject({
      written: true,
      record: {
        period: period.id,
        status: 'FINALIZED',
        revision: 1,
        availabilityPct: '100.000',
        credits: '0.00',
      },
    });
    expect(first.body.lines.map((l: Json) => [l.kind, l.quantity, l.amount])).toEqual([
      ['USAGE', '360', '36000.00'],
      ['USAGE', String(v2Hours), `${v2Hours * 200}.00`],
    ]);
    expect(
      (await call('POST', '/api/contracts/acme-phh/billing-runs', { period: period.id })).body,
    ).toMatchObject({ written: false, record: { revision: 1 } });
    expect(
      (await call('POST', '/api/contracts/acme-phh/billing-runs', { period: '2026-13' })).status,
    ).toBe(400);

    const list = await call('GET', '/api/contracts/acme-phh/billing-records');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        period: period.id,
        revision: 1,
        operatingHours: String(360 + v2Hours),
        total: `${36000 + v2Hours * 200}.00`,
        charges: `${36000 + v2Hours * 200}.00`,
      }),
    ]);
    const detail = await call('GET', `/api/contracts/acme-phh/billing-records/${period.id}`);
    expect(detail.body).toMatchObject({
      revision: 1,
      revisions: [{ revision: 1, status: 'FINALIZED' }],
      figures: { versions: [1, 2] },
    });
    const csv = await call(
      'GET',
      `/api/contracts/acme-phh/billing-records/${period.id}?format=csv`,
    );
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe(
      'period,revision,status,kind,description,quantity,unit_price,amount,currency',
    );
    expect(csv.body).toContain(
      `${period.id},1,FINALIZED,USAGE,Operating hours (contract version 1),360,100.00,36000.00,EUR`,
    );

    const intervals = await call(
      'GET',
      `/api/contracts/acme-phh/billing-records/${period.id}/intervals`,
    );
    const byCategory = (c: string) => intervals.body.items.filter((i: Json) => i.category === c);
    expect(byCategory('FORCE_MAJEURE')).toEqual([
      expect.objectContaining({
        baseState: 'FAULT',
        seconds: '86400',
        cause: expect.stringMatching(/^window:w-/),
      }),
    ]);
    expect(byCategory('STANDBY')).toEqual([
      expect.objectContaining({
        baseState: 'RUN',
        seconds: '7200',
        cause: expect.stringMatching(/^override:o-/),
      }),
    ]);
    const statement = await call(
      'GET',
      `/api/contracts/acme-phh/billing-records/${period.id}/statement`,
    );
    expect(statement.type).toMatch(/^text\/markdown/);
    expect(statement.body).toContain(`# Statement ${period.id}: Acme PbH`);
    expect(statement.body).toContain('| Availability | 100.000 % |');
    expect(statement.body).toContain('| FORCE_MAJEURE | 24.00 |');
    expect(statement.body).toMatch(
      /\| api-1 \| \S+ \| \S+ \| 24\.00 \| FORCE_MAJEURE \| FAULT \| window:w-/,
    );
    expect((await call('GET', '/api/contracts/acme-phh/billing-records/2001-01')).status).toBe(404);
  });

  it('reports the health: availability so far, trend, assets at risk with the credit their failure costs, margin', async () => {
    const health = await call('GET', '/api/contracts/acme-phh/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      current: {
        period: periodContaining('UTC', now).id,
        availabilityPct: '100.000',
        targetPct: '99',
        meetsTarget: true,
      },
      currency: 'EUR',
    });
    expect(health.body.trend).toEqual([
      expect.objectContaining({ period: period.id, status: 'FINALIZED' }),
    ]);
    expect(health.body.atRisk).toEqual([
      expect.objectContaining({ assetId: 'api-1', probability: 0.9, threshold: 0.5 }),
    ]);
    // Down from now to the end of the month, availability falls below 99 %: a 10 % credit of the fees so far.
    expect(Number(health.body.atRisk[0].creditIfFails)).toBeGreaterThan(0);
    expect(health.body.margin).toMatchObject({ taskCost: '500.00', completedTasks: 1 });
    expect(Number(health.body.margin.margin)).toBe(Number(health.body.margin.revenue) - 500);
  });
});
