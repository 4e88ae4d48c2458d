import { shiftPeriodId } from '@hourglass/billing-records';
import { monthPeriod, periodContaining } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  seedTwoTenants,
  type Json,
  startApiWithProviderAndCustomer,
  type ApiCall,
  type RoleCallers,
} from './users-api.fixture';

const DAY_MS = 86_400_000;
// 4 months back: billed in the last 12 months, its hours in the 90 days before the last 90.
const PERIOD = monthPeriod('UTC', shiftPeriodId(periodContaining('UTC', Date.now()).id, -4));
const START = PERIOD.startUs / 1000;
const REPORT = {
  outcome: 'DEFECT_CONFIRMED_REPLACED',
  failureCode: 'HPC-MODULE-REPLACED',
  parts: [{ partNumber: 'HPC-MOD-7731', quantity: 1 }],
  labourHours: 6,
};
/** Revenue is the minimum commitment alone (no hourly rate); one event covers up to 30 days. */
const terms = (minimumCommitment: string) => ({
  tz: 'UTC',
  currency: 'EUR',
  ratePerHour: '0.00',
  slaTarget: '0.99',
  minimumCommitment,
  heartbeatTimeoutSeconds: 30 * 86_400,
  maxUnknownFraction: '1',
  lookbackPeriods: 120,
});

/**
 * acme-1 runs through the period (RUN at its start and 20 days in); globex-1 runs 15 days, then is
 * in FAULT to the end. Each also ran twice (acme) or once (globex) in the last 90 days, as often as
 * in the 90 before by the 15-minute heartbeat hours count with, and was heard from yesterday.
 */
async function seedEvents(db: SqlDatabase): Promise<void> {
  const now = Date.now();
  const rows: Array<[string, number, string]> = [
    ['acme', START, 'RUN'],
    ['acme', START + 20 * DAY_MS, 'RUN'],
    ['acme', now - 10 * DAY_MS, 'RUN'],
    ['acme', now - 5 * DAY_MS, 'RUN'],
    ['globex', START, 'RUN'],
    ['globex', START + 15 * DAY_MS, 'FAULT'],
    ['globex', now - 5 * DAY_MS, 'RUN'],
  ];
  for (const [tenant, at, state] of rows)
    await db.query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ($1, $2, $3, 'STATE', $4)`,
      [`${tenant}-1`, tenant, new Date(at).toISOString(), state],
    );
  await db.query(`update assets set created_at = $1, last_seen = $2`, [
    new Date(START - 40 * DAY_MS).toISOString(),
    new Date(now - DAY_MS).toISOString(),
  ]);
}

// Issue 15, the strategic value matrix through HTTP with the real adapters (registry, billing runs, task costs, NPS) on both SQL engines.
forEachSqlBackend('ValueMatrixController', (db) => {
  let api: RoleCallers['api'];
  let admin: ApiCall;
  let customer: ApiCall;
  let provider: ApiCall;

  beforeAll(async () => {
    await seedTwoTenants(db());
    await seedEvents(db());
    ({ api, admin, customer, provider } = await startApiWithProviderAndCustomer(db()));
    for (const [tenant, minimum, cost] of [
      ['acme', '5000.00', '1250.00'],
      ['globex', '1000.00', '900.00'],
    ]) {
      const contract = await admin('POST', '/api/contracts', {
        id: `${tenant}-c`,
        name: tenant,
        tenantId: tenant,
        fleet: true,
        effectiveFrom: new Date(START - 40 * DAY_MS).toISOString(),
        terms: terms(minimum),
      });
      expect(contract.status).toBe(201);
      const run = await admin('POST', `/api/contracts/${tenant}-c/billing-runs`, {
        period: PERIOD.id,
      });
      expect([run.status, run.body.record?.total]).toEqual([200, minimum]);
      const task = `/api/tasks/${tenant}-task`;
      expect((await provider('PATCH', task, { status: 'IN_PROGRESS' })).status).toBe(200);
      const done = await provider('PATCH', task, { status: 'DONE', cost, report: REPORT });
      expect(done.status).toBe(200);
    }
    expect((await customer('POST', '/api/nps', { taskId: 'acme-task', score: 8 })).status).toBe(
      201,
    );
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('places each contract and customer from the owners data as computed by hand', async () => {
    // acme-c: availability 100 (met the target), usage 100 (0.5 h now as before), risk 100, silence 100,
    // NPS 80, orders 100 (none open): health (2500 + 2000 + 1500 + 1500 + 1200 + 1000) / 100 = 97;
    // customer value (97 + 100) / 2 = 98.5; margin (5000 - 1250) / 5000 = 75 %, ratio 4: GROWTH_ENGINE.
    // globex-c: availability about 50 % against 99 %: 0; no NPS answer: health
    // (0 + 2000 + 1500 + 1500 + 1000) / 85 = 70.6; customer value (70.6 + 0) / 2 = 35.3;
    // margin (1000 - 900) / 1000 = 10 %, ratio 1.11: COST_RUIN.
    const r = await provider('GET', '/api/portfolio/matrix');
    expect(r.status).toBe(200);
    expect(r.body.thresholds).toEqual({ customerValue: 60, marginPct: 20 });
    expect(r.body.items).toEqual([
      {
        contractId: 'acme-c',
        tenantId: 'acme',
        customerValue: 98.5,
        commercialValue: 75,
        quadrant: 'GROWTH_ENGINE',
        move: 'Keep investing in data and the partner ecosystem.',
        inputs: {
          health: 97,
          availability: 100,
          revenue: 5000,
          serviceCost: 1250,
          inputOutputRatio: 4,
        },
      },
      {
        contractId: 'globex-c',
        tenantId: 'globex',
        customerValue: 35.3,
        commercialValue: 10,
        quadrant: 'COST_RUIN',
        move: 'Fix the basics of the service process and its cost first.',
        inputs: {
          health: 70.6,
          availability: 0,
          revenue: 1000,
          serviceCost: 900,
          inputOutputRatio: 1.11,
        },
      },
    ]);
    expect(r.body.customers.map((c: Json) => [c.tenantId, c.quadrant, c.revenue])).toEqual([
      ['acme', 'GROWTH_ENGINE', 5000],
      ['globex', 'COST_RUIN', 1000],
    ]);
    expect(r.body.unplaced).toEqual([]);
  });

  it("is the provider's view: a customer user is refused", async () => {
    const r = await customer('GET', '/api/portfolio/matrix');
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toMatch(/acme-c|GROWTH_ENGINE|"revenue"/);
  });

  it('places by thresholds a provider user changed, and refuses others', async () => {
    const lower = { customerValue: 30, marginPct: 5 };
    expect((await customer('PUT', '/api/portfolio/matrix/thresholds', lower)).status).toBe(403);
    const bad = await provider('PUT', '/api/portfolio/matrix/thresholds', { customerValue: 120 });
    expect(bad.status).toBe(400);
    expect(await provider('PUT', '/api/portfolio/matrix/thresholds', lower)).toEqual({
      status: 200,
      body: { thresholds: lower },
    });
    const r = await provider('GET', '/api/portfolio/matrix');
    expect(r.body.thresholds).toEqual(lower);
    expect(r.body.items.map((i: Json) => [i.contractId, i.quadrant])).toEqual([
      ['acme-c', 'GROWTH_ENGINE'],
      ['globex-c', 'GROWTH_ENGINE'],
    ]);
  });

  it('is documented in the OpenAPI the API serves', async () => {
    const doc = (await (
      await fetch(`http://127.0.0.1:${api.port}/api/docs/openapi.json`)
    ).json()) as Json;
    const path = doc.paths['/api/portfolio/matrix'];
    expect(path.get.tags).toEqual(['customer success']);
    expect(path.get.summary).toMatch(
      /GROWTH_ENGINE \| VALUE_ISLAND \| COST_RUIN \| PROFIT_EXTRACTOR/,
    );
    const put = doc.paths['/api/portfolio/matrix/thresholds'].put;
    expect(put.requestBody.content['application/json'].schema.required).toEqual([
      'customerValue',
      'marginPct',
    ]);
  });
});
