import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { KpisController } from './kpis.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
} from './users-api.fixture';

const DAY = '2025-03-01';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;

/** The state of each asset on a 5-minute grid over the day (a message every 5 min keeps the heartbeat alive). */
function stateAt(assetId: string, minute: number): string {
  if (assetId === 'globex-1') return 'FAULT';
  if (assetId === 'acme-2') return minute >= 12 * 60 && minute < 13 * 60 ? 'FAULT' : 'RUN';
  if (minute >= 6 * 60 && minute < 8 * 60) return 'FAULT';
  if (minute >= 8 * 60 + 5 && minute < 8 * 60 + 30) return 'FAULT';
  return 'RUN';
}

const REPORT = (outcome: string, code: string, parts: unknown[], hours: number) => [
  outcome,
  code,
  JSON.stringify(parts),
  hours,
];
// id, asset, component, source, status, created, completed, replace_by, report, cost, history (status at hh:mm)
const ORDERS: Array<
  [
    string,
    string,
    string,
    string,
    string,
    string,
    string | null,
    string,
    unknown[] | null,
    string,
    Array<[string, string]>,
  ]
> = [
  [
    'k1',
    'acme-1',
    'hpc-module',
    'MODEL',
    'DONE',
    at('06:10'),
    at('08:00'),
    at('23:00'),
    REPORT(
      'DEFECT_CONFIRMED_REPLACED',
      'HPC-MODULE-REPLACED',
      [{ partNumber: 'HPC-MOD-7731', quantity: 1, unitCost: '185000.00' }],
      1.5,
    ),
    '185150.00',
    [
      ['OPEN', at('06:10')],
      ['IN_PROGRESS', at('06:30')],
      ['DONE', at('08:00')],
    ],
  ],
  [
    'k2',
    'acme-2',
    'fan-module',
    'MODEL',
    'DONE',
    at('12:05'),
    at('14:45'),
    at('23:00'),
    REPORT('NO_FAULT_FOUND', 'FAN-EFFICIENCY-LOSS', [], 2.5),
    '300.00',
    [
      ['OPEN', at('12:05')],
      ['IN_PROGRESS', at('12:15')],
      ['DONE', at('14:45')],
    ],
  ],
  [
    'k3',
    'acme-1',
    'hpc-module',
    'RULE',
    'OPEN',
    '2025-03-10T00:00:00Z',
    null,
    at('23:00'),
    null,
    '0.00',
    [['OPEN', '2025-03-10T00:00:00Z']],
  ],
  [
    'k4',
    'acme-2',
    'hpt-module',
    'PLAN',
    'DONE',
    at('07:00'),
    at('09:00'),
    at('10:00'),
    REPORT('OTHER', 'HPT-OVERTEMP', [], 1),
    '0.00',
    [
      ['OPEN', at('07:00')],
      ['IN_PROGRESS', at('08:00')],
      ['DONE', at('09:00')],
    ],
  ],
  [
    'k5',
    'acme-1',
    'fan-module',
    'PLAN',
    'SCHEDULED',
    at('07:00'),
    null,
    at('20:00'),
    null,
    '0.00',
    [
      ['OPEN', at('07:00')],
      ['SCHEDULED', at('07:30')],
    ],
  ],
];

async function seedLog(db: SqlDatabase): Promise<void> {
  await db.query(`delete from tasks where id = 'acme-task'`);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash) values ('acme-2', 'acme', 'turbofan', 'acme-2', 'x')`,
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) values ('acme-2', 'acme', 'acme-2', 'turbofan')`,
  );
  const rows: string[][] = [[], [], [], []];
  for (const [assetId, tenant] of [
    ['acme-1', 'acme'],
    ['acme-2', 'acme'],
    ['globex-1', 'globex'],
  ]) {
    for (let minute = 0; minute < 24 * 60; minute += 5) {
      rows[0].push(assetId);
      rows[1].push(tenant);
      rows[2].push(new Date(Date.parse(at('00:00')) + minute * 60_000).toISOString());
      rows[3].push(stateAt(assetId, minute));
    }
  }
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state) select a, t, o::timestamptz, 'STATE', s from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as x(a, t, o, s)`,
    rows,
  );
  for (const [
    id,
    asset,
    component,
    source,
    status,
    created,
    completed,
    replaceBy,
    report,
    cost,
    history,
  ] of ORDERS) {
    const [outcome, code, parts, hours] = report ?? [null, null, null, null];
    await db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, created_at, updated_at, completed_at, asset_type, source, source_ref,
         failure_outcome, failure_code, parts_used, labour_hours, cost)
       values ($1, 'acme', $2, $3, $4, 'MEDIUM', $5, $6, $6, $7, 'turbofan', $8, 'ref', $9, $10, $11::jsonb, $12, $13)`,
      [
        id,
        asset,
        component,
        status,
        replaceBy,
        created,
        completed,
        source,
        outcome as string | null,
        code as string | null,
        parts as string | null,
        hours as number | null,
        cost,
      ],
    );
    for (const [to, when] of history) {
      await db.query(
        `insert into task_history (task_id, tenant_id, kind, to_status, actor, at) values ($1, 'acme', 'TRANSITION', $2, 'tech', $3)`,
        [id, to, when],
      );
    }
  }
  for (const [assetId, tenant] of [
    ['acme-1', 'acme'],
    ['acme-2', 'acme'],
    ['globex-1', 'globex'],
  ]) {
    await db.query(
      `insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end) values ($1, $2, 0.5, 30, 40, 'm@1', now(), now())`,
      [assetId, tenant],
    );
  }
}

// Hand-computed (the acme log): acme-1 is up 6 h + 5 min + 15 h 30 min and fails once (faults at 06:00 and 08:05 are
// 5 min apart: one outage, 06:00 -> 08:30 = 2.5 h); acme-2 is up 23 h, one failure, 1 h down. U = 44 h 35 min = 535/12 h.
const UPTIME = 535 / 12;
const ACME = {
  mtbfHours: UPTIME / 2,
  mttrHours: (1.5 + 2.5 + 1) / 3,
  meanDowntimeHours: 1.75,
  availability: UPTIME / 48,
  firstTimeFixRate: 2 / 3, // k1 has a repeat (k3, 9 days later); k2 and k4 none
  predictiveHitRate: 0.5, // k1 confirmed, k2 no fault found
  pmCompliance: 0.5, // k4 done before its due time, k5 only scheduled
};
const QUERY = `/api/kpis?from=${at('00:00')}&to=2025-03-02T00:00:00Z`;

// GET /api/kpis and /api/parts/forecast through real HTTP on a small fixed log, on both SQL engines.
forEachSqlBackend(KpisController.name, (db: () => SqlDatabase) => {
  let api: { port: number; close: () => Promise<void> };
  const as = (token: string | null) => (method: string, path: string, body?: unknown) =>
    call(api.port, token, method, path, body);
  const admin = as(ADMIN_TOKEN);
  let customer: ReturnType<typeof as>;
  let provider: ReturnType<typeof as>;

  beforeAll(async () => {
    await seedTwoTenants(db());
    await seedLog(db());
    api = await startFixtureApi(db());
    const tokens = await createProviderAndCustomer(admin);
    customer = as(tokens.customer);
    provider = as(tokens.provider);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("gives a customer of acme its tenant's hand-computed KPIs without the cost side", async () => {
    const r = await customer('GET', `${QUERY}&assetType=turbofan`);
    expect(r.status).toBe(200);
    for (const [field, value] of Object.entries(ACME))
      expect([field, r.body[field]]).toEqual([field, expect.closeTo(value, 9)]);
    expect(r.body.failures).toBe(2);
    expect(r.body.topFailingComponents).toEqual([
      { assetType: 'turbofan', component: 'hpc-module', failures: 1 },
    ]);
    expect(r.body.lifecycleCosts).toBeUndefined();
  });

  it('gives provider users the costs and every tenant: globex-1 faulted all day without a failure', async () => {
    const r = await provider('GET', QUERY);
    expect(r.status).toBe(200);
    expect(r.body.availability).toBeCloseTo(UPTIME / 72, 9);
    expect(r.body.mtbfHours).toBeCloseTo(ACME.mtbfHours, 9);
    expect(r.body.topFailingComponents).toEqual([
      { assetType: 'turbofan', component: 'hpc-module', failures: 1, replacementCost: 185000 },
    ]);
    expect(r.body.lifecycleCosts).toEqual([
      {
        assetType: 'turbofan',
        serviceCost: 185450,
        operatingHours: expect.closeTo(UPTIME, 9),
        costPerOperatingYear: expect.closeTo(Math.round((185450 / (UPTIME / 8766)) * 100) / 100, 2),
      },
    ]);
  });

  it('answers null where a figure cannot be computed and 400 for a bad period', async () => {
    const r = await customer('GET', '/api/kpis?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      mtbfHours: null,
      mttrHours: null,
      meanDowntimeHours: null,
      firstTimeFixRate: null,
      predictiveHitRate: null,
      pmCompliance: null,
    });
    expect((await customer('GET', `/api/kpis?from=${at('10:00')}&to=${at('09:00')}`)).status).toBe(
      400,
    );
    expect((await customer('GET', '/api/kpis')).status).toBe(400);
  });

  it("forecasts parts from the scores of the caller's assets with a 90 % interval", async () => {
    // 60 days on a 30-day horizon: p = 1 - 0.5^2 = 0.75 per asset. acme: Binomial(2, 0.75), F(0) = 1/16 >= 0.05.
    const mine = await customer('GET', '/api/parts/forecast?horizonDays=60');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      { partNumber: 'BORESCOPE-PLUG-3', expected: 3, low: 0, high: 4, method: 'exact' },
      { partNumber: 'HPC-MOD-7731', expected: 1.5, low: 0, high: 2, method: 'exact' },
      { partNumber: 'HPC-SEAL-KIT-12', expected: 1.5, low: 0, high: 2, method: 'exact' },
    ]);
    const all = await admin('GET', '/api/parts/forecast?horizonDays=60');
    expect(
      all.body.items.find((i: { partNumber: string }) => i.partNumber === 'HPC-MOD-7731'),
    ).toMatchObject({ expected: 2.25, low: 1, high: 3 });
    expect((await customer('GET', '/api/parts/forecast?horizonDays=45')).status).toBe(400);
  });
});
