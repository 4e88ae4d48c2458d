import Decimal from 'decimal.js';
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
  minimumCommitment: '100000.00',
  creditBands: [{ lo: '0', hi: '0.99', pct: '0.10' }],
  heartbeatTimeoutSeconds: 3600,
  lookbackPeriods: 120,
};

/** STATE then HEARTBEAT events of `acme-1` every half hour through [from, to), received a second after. */
async function states(db: SqlDatabase, state: string, from: number, to: number): Promise<void> {
  const times: string[] = [];
  for (let t = from; t < to; t += HALF_HOUR) times.push(new Date(t).toISOString());
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
     select 'acme-1', 'acme', u.t, case when u.i = 1 then 'STATE' else 'HEARTBEAT' end, $1, u.t + interval '1 second'
     from unnest($2::timestamptz[]) with ordinality as u(t, i)`,
    [state, times],
  );
}

// Ending contracts and withdrawing windows and overrides through real HTTP, on both SQL engines.
forEachSqlBackend(ContractsController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const as = (token: string) => (method: string, path: string, body?: unknown) =>
    call(api.port, token, method, path, body);
  const admin = as(ADMIN_TOKEN);
  let provider: ReturnType<typeof as>;
  let customer: ReturnType<typeof as>;
  const now = Date.now();
  const currentId = periodContaining('UTC', now).id;
  // Periods past their grace period whatever today is: W for the calendar, P ends mid-month, P1 after it.
  const W = monthPeriod('UTC', shiftPeriodId(currentId, -5));
  const P = monthPeriod('UTC', shiftPeriodId(currentId, -4));
  const P1 = monthPeriod('UTC', shiftPeriodId(currentId, -3));
  const ms = (us: number) => us / 1000;
  const iso = (t: number) => new Date(t).toISOString();
  const wDays = (W.endUs - W.startUs) / 1000 / DAY;
  const endsAt = iso(ms(P.startUs) + 10 * DAY);
  let windowId = '';
  let overrideId = '';

  beforeAll(async () => {
    await seedTwoTenants(db());
    await db().query(`update assets set created_at = $1 where id = 'acme-1'`, [
      iso(ms(W.startUs) - 60 * DAY),
    ]);
    await states(db(), 'RUN', ms(W.startUs), ms(W.startUs) + 10 * DAY);
    await states(db(), 'FAULT', ms(W.startUs) + 10 * DAY, ms(W.startUs) + 11 * DAY);
    await states(db(), 'RUN', ms(W.startUs) + 11 * DAY, ms(P1.endUs));
    api = await startFixtureApi(db());
    const created = await admin('POST', '/api/contracts', {
      id: 'acme-end',
      name: 'Acme',
      tenantId: 'acme',
      assetIds: ['acme-1'],
      effectiveFrom: iso(ms(W.startUs) - 31 * DAY),
      terms: TERMS,
    });
    expect(created).toMatchObject({ status: 201, body: { status: 'ACTIVE', endsAt: null } });
    const tokens = await createProviderAndCustomer(admin);
    provider = as(tokens.provider);
    customer = as(tokens.customer);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  const rate = (period: string) =>
    provider('POST', '/api/contracts/acme-end/billing-runs', { period });
  const latestAudit = async () =>
    (await admin('GET', '/api/contracts/acme-end/audit')).body.items[0];

  it('withdraws an override and a window: audited with the user, noticed by the billing round, the next revision reflects each', async () => {
    const window = await provider('POST', '/api/contracts/acme-end/windows', {
      assetId: 'acme-1',
      kind: 'FORCE_MAJEURE',
      start: iso(ms(W.startUs) + 10 * DAY),
      end: iso(ms(W.startUs) + 11 * DAY),
    });
    const override = await provider('POST', '/api/contracts/acme-end/overrides', {
      assetId: 'acme-1',
      start: iso(ms(W.startUs) + 20 * DAY),
      end: iso(ms(W.startUs) + 20 * DAY + 7_200_000),
      category: 'STANDBY',
      reason: 'test run at the customer',
    });
    windowId = window.body.id;
    overrideId = override.body.id;
    const first = await rate(W.id);
    expect(first.body).toMatchObject({
      written: true,
      record: {
        revision: 1,
        status: 'FINALIZED',
        availabilityPct: '100.000',
        billableHours: String(wDays * 24 - 26),
      },
    });

    expect(
      (await customer('DELETE', `/api/contracts/acme-end/overrides/${overrideId}`)).status,
    ).toBe(403);
    const stores = new BillingStores(db());
    const changed = async () => {
      const latest = await stores.runs.latest(PROVIDER_SCOPE, 'acme-end', W.id);
      return stores.runs.changedSince('acme-end', ['acme-1'], W.startUs, W.endUs, latest!);
    };
    expect(await changed()).toBe(false);
    expect(await provider('DELETE', `/api/contracts/acme-end/overrides/${overrideId}`)).toEqual({
      status: 204,
      body: null,
    });
    expect(await changed()).toBe(true);
    expect(await latestAudit()).toMatchObject({
      action: 'REMOVE_OVERRIDE',
      actor: 'pat@provider',
      detail: { id: overrideId },
    });
    expect((await admin('GET', '/api/contracts/acme-end/overrides')).body.items).toEqual([]);
    const second = await rate(W.id);
    expect(second.body).toMatchObject({
      written: true,
      record: { revision: 2, availabilityPct: '100.000', billableHours: String(wDays * 24 - 24) },
    });

    expect(await provider('DELETE', `/api/contracts/acme-end/windows/${windowId}`)).toEqual({
      status: 204,
      body: null,
    });
    expect(await latestAudit()).toMatchObject({
      action: 'REMOVE_WINDOW',
      actor: 'pat@provider',
      detail: { id: windowId },
    });
    const third = await rate(W.id);
    // The FAULT day is no longer force majeure: a forced outage, below the 99 % target, a 10 % credit.
    expect(third.body).toMatchObject({
      written: true,
      record: { revision: 3, billableHours: String(wDays * 24 - 24) },
    });
    expect(third.body.record.availabilityPct).toBe(
      new Decimal(wDays - 1).div(wDays).mul(100).toDecimalPlaces(3, Decimal.ROUND_FLOOR).toFixed(3),
    );
    expect(third.body.lines.map((l: Json) => l.kind)).toContain('SLA_CREDIT');
    // The withdrawn rows stay for the runs that named them.
    const kept = await db().query<{ n: number }>(
      `select count(*)::int as n from calendar_windows where id = $1 and withdrawn_by = 'pat@provider'`,
      [windowId],
    );
    expect(Number(kept[0].n)).toBe(1);
    expect((await admin('GET', '/api/contracts/acme-end/windows')).body.items).toEqual([]);
  });

  it('answers 404 for unknown ids and 409 for a second withdrawal', async () => {
    expect((await provider('DELETE', `/api/contracts/acme-end/windows/${windowId}`)).status).toBe(
      409,
    );
    expect(
      (await provider('DELETE', `/api/contracts/acme-end/overrides/${overrideId}`)).status,
    ).toBe(409);
    expect((await provider('DELETE', '/api/contracts/acme-end/windows/w-nope')).status).toBe(404);
    expect((await provider('DELETE', '/api/contracts/acme-end/overrides/o-nope')).status).toBe(404);
    expect((await provider('DELETE', `/api/contracts/nope/windows/${windowId}`)).status).toBe(404);
    expect((await provider('DELETE', '/api/contracts/nope')).status).toBe(404);
  });

  it('terminates mid-period: billed up to the end with the minimum prorated, later periods not billed, no new version', async () => {
    expect((await customer('DELETE', '/api/contracts/acme-end', { endsAt })).status).toBe(403);
    expect(
      (await provider('DELETE', '/api/contracts/acme-end', { endsAt: 'tomorrow' })).status,
    ).toBe(400);
    const beforeStart = await provider(
      'DELETE',
      `/api/contracts/acme-end?endsAt=${encodeURIComponent(iso(ms(W.startUs) - 40 * DAY))}`,
    );
    expect(beforeStart).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining('version 1 takes effect') } },
    });
    const beforeIssued = await provider('DELETE', '/api/contracts/acme-end', {
      endsAt: iso(ms(W.startUs) - 5 * DAY),
    });
    expect(beforeIssued).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining(`period ${W.id}`) } },
    });
    const ended = await provider('DELETE', '/api/contracts/acme-end', { endsAt });
    const endsAtUs = endsAt.replace('Z', '000Z');
    expect(ended).toMatchObject({
      status: 200,
      body: { status: 'TERMINATED', endsAt: endsAtUs, currentTerms: null },
    });
    expect((await customer('GET', '/api/contracts/acme-end')).body).toMatchObject({
      status: 'TERMINATED',
      endsAt: endsAtUs,
      versions: [{ version: 1, effectiveTo: endsAtUs }],
    });
    expect(await latestAudit()).toMatchObject({
      action: 'TERMINATE',
      actor: 'pat@provider',
      detail: { endsAt: endsAtUs },
    });

    const pDays = (P.endUs - P.startUs) / 1000 / DAY;
    const minimum = new Decimal(TERMS.minimumCommitment)
      .mul(10)
      .div(pDays)
      .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    const rated = await rate(P.id);
    expect(rated.body).toMatchObject({
      written: true,
      record: { period: P.id, revision: 1, billableHours: '240', availabilityPct: '100.000' },
    });
    expect(rated.body.lines.map((l: Json) => [l.kind, l.quantity, l.amount])).toEqual([
      ['USAGE', '240', '24000.00'],
      ['MINIMUM_TRUE_UP', null, minimum.minus(24000).toFixed(2)],
    ]);

    const later = await rate(P1.id);
    expect(later.status).toBe(409);
    expect(later.body.error.message).toContain('ended at');
    const logged: string[] = [];
    const round = new BillingRunService(db(), undefined, {
      now: () => ms(P1.startUs) + 15 * DAY,
      log: (line) => logged.push(line),
    });
    expect(await round.runAll()).toBe(0);
    expect(logged).toEqual([]);
    const periods = (await admin('GET', '/api/contracts/acme-end/billing-records')).body.items.map(
      (r: Json) => r.period,
    );
    expect(periods).toEqual(expect.arrayContaining([W.id, P.id]));
    expect(periods).not.toContain(P1.id);

    expect(
      (
        await provider('POST', '/api/contracts/acme-end/versions', {
          effectiveFrom: iso(ms(P1.startUs)),
          terms: { ratePerHour: '1.00' },
        })
      ).status,
    ).toBe(409);
    expect((await provider('DELETE', '/api/contracts/acme-end')).status).toBe(409);

    // Health after the end: the last period as of the end, nothing at risk any more.
    const health = await customer('GET', '/api/contracts/acme-end/health');
    expect(health).toMatchObject({
      status: 200,
      body: {
        status: 'TERMINATED',
        endsAt: endsAtUs,
        asOf: endsAt,
        current: { period: P.id, runHours: '240' },
        atRisk: [],
      },
    });
  });
});
