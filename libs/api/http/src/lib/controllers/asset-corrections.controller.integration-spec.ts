import { BillingCorrectionService, BillingStores, shiftPeriodId } from '@hourglass/billing-records';
import { monthPeriod, periodContaining } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { AssetCorrectionsController } from './asset-corrections.controller';
import { ADMIN_TOKEN, call, seedTwoTenants, startFixtureApi, type Json } from './users-api.fixture';

const MIN = 60_000;
const DAY = 86_400_000;
// A period four months back: past its grace period whatever today is (lookbackPeriods 120 keeps it open to revisions).
const PERIOD = monthPeriod('UTC', shiftPeriodId(periodContaining('UTC', Date.now()).id, -4));
const D1 = PERIOD.startUs / 1000 + DAY;
const D2 = D1 + DAY;
const D3 = D2 + DAY;
const TERMS = {
  tz: 'UTC',
  currency: 'EUR',
  ratePerHour: '100.00',
  slaTarget: '0.99',
  creditBands: [{ lo: '0', hi: '0.99', pct: '0.10' }],
  heartbeatTimeoutSeconds: 3600,
  maxUnknownFraction: '1',
  lookbackPeriods: 120,
};
const FAULT_ID = `STATE@${D2 * 1000}`;
const LAST_METER_ID = `HOUR_METER@${D3 * 1000}`;

/**
 * acme-1 runs from D1 to D3 but for a 45-minute FAULT at D2 (one STATE event, no heartbeat: the
 * heartbeat timeout is 1 h); its hour meter reads 100 h at D1, 124 h at D2 and 147.25 h at D3.
 */
async function seedEvents(db: SqlDatabase): Promise<void> {
  const rows: Array<[number, string, string | null, number | null]> = [];
  for (let t = D1; t < D2; t += 30 * MIN)
    rows.push([t, t === D1 ? 'STATE' : 'HEARTBEAT', 'RUN', null]);
  rows.push([D2, 'STATE', 'FAULT', null], [D2 + 45 * MIN, 'STATE', 'RUN', null]);
  for (let t = D2 + 75 * MIN; t < D3; t += 30 * MIN) rows.push([t, 'HEARTBEAT', 'RUN', null]);
  rows.push(
    [D1, 'HOUR_METER', null, 100],
    [D2, 'HOUR_METER', null, 124],
    [D3, 'HOUR_METER', null, 147.25],
  );
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, meter_hours)
     select 'acme-1', 'acme', u.t, u.k, u.s, u.m from unnest($1::timestamptz[], $2::text[], $3::text[], $4::float8[]) as u(t, k, s, m)`,
    [
      rows.map((r) => new Date(r[0]).toISOString()),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]) as string[],
      rows.map((r) => r[3]) as number[],
    ],
  );
}

// Corrections through real HTTP on both SQL engines: validated, tenant-scoped, audited, applied by the next billing run.
forEachSqlBackend(AssetCorrectionsController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const as = (token: string) => (method: string, path: string, body?: unknown) =>
    call(api.port, token, method, path, body);
  const admin = as(ADMIN_TOKEN);
  const tokens: Record<string, string> = {};
  const rate = async (contractId: string) => {
    const r = await admin('POST', `/api/contracts/${contractId}/billing-runs`, {
      period: PERIOD.id,
    });
    expect(r.status).toBe(200);
    return r.body as Json;
  };

  beforeAll(async () => {
    await seedTwoTenants(db());
    // Commissioned before the period (assets are in service from their creation).
    await db().query(`update assets set created_at = $1`, [new Date(D1 - 40 * DAY).toISOString()]);
    await seedEvents(db());
    api = await startFixtureApi(db());
    const contracts = [
      {
        id: 'acme-state',
        name: 'acme state',
        tenantId: 'acme',
        assetIds: ['acme-1'],
        effectiveFrom: new Date(D1 - 40 * DAY).toISOString(),
        terms: TERMS,
      },
      {
        id: 'acme-meter',
        name: 'acme meter',
        tenantId: 'acme',
        assetIds: ['acme-1'],
        effectiveFrom: new Date(D1 - 40 * DAY).toISOString(),
        terms: { ...TERMS, hoursBasis: 'METER' },
      },
    ];
    for (const c of contracts) expect((await admin('POST', '/api/contracts', c)).status).toBe(201);
    for (const [name, tenantId] of [
      ['cora@acme', 'acme'],
      ['gus@globex', 'globex'],
    ]) {
      const user = await admin('POST', '/api/users', { name, role: 'customer', tenantId });
      expect(user.status).toBe(201);
      tokens[name] = user.body.token;
    }
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('applies a state correction in the next billing run and keeps the original event', async () => {
    const before = await rate('acme-state');
    // RUN from D1 to an hour (the heartbeat timeout) after the meter reading at D3, but the 45-minute fault: 48.25 h.
    expect(before.record).toMatchObject({
      revision: 1,
      status: 'FINALIZED',
      billableHours: '48.3',
    });
    expect(Number(before.record.availability)).toBeLessThan(0.99);
    const posted = await admin('POST', '/api/assets/acme-1/corrections', {
      supersedes: FAULT_ID,
      state: 'RUN',
      reason: 'operator test of the trip circuit, not a fault',
    });
    expect(posted).toMatchObject({
      status: 201,
      body: {
        supersedes: FAULT_ID,
        state: 'RUN',
        meterHours: null,
        author: 'admin',
        original: { state: 'FAULT' },
        contracts: ['acme-meter', 'acme-state'],
      },
    });
    expect(posted.body.observedAt).toBe(new Date(D2).toISOString().replace('Z', '000Z'));
    expect(posted.body.id).toMatch(/^c-[0-9a-f-]{36}$/);

    const after = await rate('acme-state');
    expect(after).toMatchObject({
      written: true,
      record: {
        revision: 2,
        status: 'FINALIZED',
        billableHours: '49',
        availabilityPct: '100.000',
        credits: '0.00',
      },
    });
    expect(after.record.adjustment).toMatchObject({
      kind: 'PRIOR_PERIOD_ADJUSTMENT',
      againstRevision: 1,
    });
    const detail = await admin('GET', `/api/contracts/acme-state/billing-records/${PERIOD.id}`);
    expect(detail.body.figures.seconds.FORCED_OUTAGE).toBe('0');
    expect(detail.body.revisions.map((r: Json) => [r.revision, r.status])).toEqual([
      [2, 'FINALIZED'],
      [1, 'FINALIZED'],
    ]);
    // The superseded event stays stored as it was received.
    const [original] = await db().query<{ state: string }>(
      `select state from state_events where asset_id = 'acme-1' and kind = 'STATE' and observed_at = $1`,
      [new Date(D2).toISOString()],
    );
    expect(original.state).toBe('FAULT');
    // The event list names the ids to correct and what supersedes what.
    const listed = await admin(
      'GET',
      `/api/assets/acme-1/billing-events?from=${new Date(D2).toISOString()}&to=${new Date(D2 + 46 * MIN).toISOString()}`,
    );
    expect(
      listed.body.items.map((e: Json) => [e.id, e.kind, e.state, e.meterHours, e.supersededBy]),
    ).toEqual([
      [`HOUR_METER@${D2 * 1000}`, 'HOUR_METER', null, 124, null],
      [FAULT_ID, 'STATE', 'FAULT', null, posted.body.id],
      [posted.body.id, 'CORRECTION', 'RUN', null, null],
      [`STATE@${(D2 + 45 * MIN) * 1000}`, 'STATE', 'RUN', null, null],
    ]);
    expect((await admin('GET', '/api/assets/acme-1/billing-events?from=yesterday')).status).toBe(
      400,
    );
    expect(
      (await admin('GET', `/api/assets/nope/billing-events?from=${new Date(D2).toISOString()}`))
        .status,
    ).toBe(404);
    // Same inputs again: nothing new.
    expect((await rate('acme-state')).written).toBe(false);
    const audit = await admin('GET', '/api/contracts/acme-state/audit');
    expect(audit.body.items.find((a: Json) => a.action === 'CORRECTION')).toMatchObject({
      actor: 'admin',
      detail: { supersedes: FAULT_ID, state: 'RUN', original: { state: 'FAULT' } },
    });
  });

  it('applies a meter correction to the METER hours, and a correction of that correction after it', async () => {
    expect((await rate('acme-meter')).record).toMatchObject({
      revision: 1,
      billableHours: '47.3',
      total: '4730.00',
    });
    const first = await admin('POST', '/api/assets/acme-1/corrections', {
      supersedes: LAST_METER_ID,
      meterHours: 147.5,
      reason: 'photo of the meter: 147.5 h',
    });
    expect(first).toMatchObject({
      status: 201,
      body: { meterHours: 147.5, state: null, original: { meterHours: 147.25 } },
    });
    expect((await rate('acme-meter')).record).toMatchObject({
      revision: 2,
      billableHours: '47.5',
      total: '4750.00',
    });
    // The event is superseded already: correct the correction instead.
    const again = await admin('POST', '/api/assets/acme-1/corrections', {
      supersedes: LAST_METER_ID,
      meterHours: 147.6,
      reason: 'second look',
    });
    expect(again).toMatchObject({
      status: 409,
      body: {
        error: { code: 'CONTRACT_CONFLICT', message: expect.stringContaining(first.body.id) },
      },
    });
    const chained = await admin('POST', '/api/assets/acme-1/corrections', {
      supersedes: first.body.id,
      meterHours: 147.4,
      reason: 'the photo was blurred: 147.4 h',
    });
    expect(chained).toMatchObject({
      status: 201,
      body: { supersedes: first.body.id, original: { meterHours: 147.5 } },
    });
    expect((await rate('acme-meter')).record).toMatchObject({
      revision: 3,
      billableHours: '47.4',
      total: '4740.00',
    });
    const listed = await admin('GET', '/api/assets/acme-1/corrections');
    expect(listed.body.items.map((c: Json) => c.supersedes)).toEqual([
      FAULT_ID,
      LAST_METER_ID,
      first.body.id,
    ]);
    const meterRows = await db().query<{ meter_hours: number }>(
      `select meter_hours from state_events where asset_id = 'acme-1' and kind = 'HOUR_METER' order by observed_at`,
    );
    expect(meterRows.map((r) => Number(r.meter_hours))).toEqual([100, 124, 147.25]);
  });

  it('answers 400 with the reason for bad corrections', async () => {
    const bad = async (body: unknown, message: RegExp) => {
      const r = await admin('POST', '/api/assets/acme-1/corrections', body);
      expect(r).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION', message: expect.stringMatching(message) } },
      });
    };
    await bad({ supersedes: FAULT_ID, state: 'RUN' }, /reason/);
    await bad(
      { supersedes: FAULT_ID, state: 'RUN', meterHours: 3, reason: 'both given' },
      /exactly one of state and meterHours/,
    );
    await bad(
      { supersedes: FAULT_ID, reason: 'neither given' },
      /exactly one of state and meterHours/,
    );
    await bad({ supersedes: FAULT_ID, state: 'BROKEN', reason: 'no such state' }, /state/);
    await bad(
      { supersedes: LAST_METER_ID, meterHours: -1, reason: 'negative reading' },
      /meterHours/,
    );
    await bad(
      { supersedes: 'row 17', state: 'RUN', reason: 'not an event id' },
      /supersedes: an event id/,
    );
    await bad(
      { supersedes: FAULT_ID, state: 'RUN', reason: 'extra field', author: 'someone else' },
      /author|unrecognized/i,
    );
    await bad(
      { supersedes: `STATE@${D2 * 1000 + 1}`, state: 'RUN', reason: 'no event at that instant' },
      /is not an event of asset acme-1/,
    );
    await bad(
      {
        supersedes: `HOUR_METER@${D2 * 1000}`,
        state: 'RUN',
        reason: 'a state for a meter reading',
      },
      /hour-meter reading: give meterHours/,
    );
    await bad(
      {
        supersedes: `HEARTBEAT@${(D1 + 30 * MIN) * 1000}`,
        meterHours: 1,
        reason: 'a reading for a state',
      },
      /carries a state: give state/,
    );
  });

  it("keeps corrections inside the caller's tenant: 404 for assets out of scope, 403 for customers", async () => {
    expect(
      (
        await admin('POST', '/api/assets/nope/corrections', {
          supersedes: FAULT_ID,
          state: 'RUN',
          reason: 'no such asset',
        })
      ).status,
    ).toBe(404);
    expect((await as(tokens['gus@globex'])('GET', '/api/assets/acme-1/corrections')).status).toBe(
      404,
    );
    expect(
      (await as(tokens['cora@acme'])('GET', '/api/assets/acme-1/corrections')).body.items,
    ).toHaveLength(3);
    // Customers read their corrections but make none: the provider's account managers do.
    expect(
      (
        await as(tokens['cora@acme'])('POST', '/api/assets/acme-1/corrections', {
          supersedes: FAULT_ID,
          state: 'FAULT',
          reason: 'customer view',
        })
      ).status,
    ).toBe(403);
    const service = new BillingCorrectionService(new BillingStores(db()));
    await expect(
      service.add(tenantScope('globex'), 'gus', 'acme-1', {
        supersedes: FAULT_ID,
        state: 'FAULT',
        reason: 'other tenant',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await db().query(`select id from billing_corrections where tenant_id <> 'acme'`),
    ).toEqual([]);
  });

  it('audits a correction under the name of the provider user who made it, not as admin', async () => {
    const pat = await admin('POST', '/api/users', { name: 'pat@provider', role: 'provider' });
    expect(pat.status).toBe(201);
    const heartbeat = `HEARTBEAT@${(D1 + 30 * MIN) * 1000}`;
    const posted = await as(pat.body.token)('POST', '/api/assets/acme-1/corrections', {
      supersedes: heartbeat,
      state: 'STANDBY',
      reason: 'the log book says standby',
    });
    expect(posted).toMatchObject({ status: 201, body: { author: 'pat@provider' } });
    const audit = await admin('GET', '/api/contracts/acme-state/audit');
    expect(
      audit.body.items.find(
        (a: Json) => a.action === 'CORRECTION' && a.detail.supersedes === heartbeat,
      ),
    ).toMatchObject({ actor: 'pat@provider' });
  });
});
