import {
  orderFigures,
  rankFailingComponents,
  type KpiPeriod,
  type OrderFigures,
} from '@hourglass/maintenance-kpis';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { TaskKpiOrderFigureSource, TaskKpiOrderSource } from './kpi.adapters';

const DAY = 86_400_000;
const PERIOD: KpiPeriod = {
  from: Date.parse('2025-03-01T00:00:00Z'),
  to: Date.parse('2025-04-01T00:00:00Z'),
};
const ASSETS: Array<[string, string, string]> = [
  ['acme-1', 'acme', 'turbofan'],
  ['acme-2', 'acme', 'turbofan'],
  ['acme-3', 'acme', 'pump'],
  ['globex-1', 'globex', 'turbofan'],
  ['globex-2', 'globex', 'pump'],
];
const COMPONENTS = [
  'hpc',
  'fan',
  'hpt',
  'lpt',
  'gearbox',
  'seal',
  'pump',
  'valve',
  'bearing',
  'filter',
];
const OUTCOMES = [null, 'DEFECT_CONFIRMED_REPLACED', 'NO_FAULT_FOUND', 'OTHER'];
// Plans of both kinds of interval (days, hours only), and a plan reference with no plan.
const PLANS: Array<[string, string, number | null, number | null]> = [
  ['plan-days', 'acme', 180, null],
  ['plan-hours', 'acme', null, 300],
  ['plan-globex', 'globex', 20, null],
];
const PLAN_REFS = ['plan-days', 'plan-hours', 'plan-globex', 'plan-gone'];

/** A small deterministic generator (LCG), so every run stores the same log. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
  };
}

/**
 * Orders around the period on five assets of two tenants and two types: repeats within and beyond
 * 30 days, plan orders due in and around the period done early and late, histories with several
 * IN_PROGRESS spells, ties and none, reports with and without parts prices, no asset type.
 */
async function seedRandomLog(db: SqlDatabase): Promise<void> {
  const r = random(14);
  for (const tenant of ['acme', 'globex'])
    await db.query(`insert into tenants (id, name) values ($1, $1)`, [tenant]);
  for (const [id, tenant, type] of ASSETS) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, $2, $3, $1, 'x')`,
      [id, tenant, type],
    );
    await db.query(`insert into assets (id, tenant_id, device_id, type) values ($1, $2, $1, $3)`, [
      id,
      tenant,
      type,
    ]);
  }
  for (const [id, tenant, days, hours] of PLANS)
    await db.query(
      `insert into maintenance_plans (id, tenant_id, name, asset_type, component, interval_days, interval_hours,
         lead_days, reminder_days, time_zone, priority, starts_at, created_by)
       values ($1, $2, $1, 'turbofan', 'hpc-module', $3, $4, 7, '[]', 'UTC', 'MEDIUM', '2024-01-01T00:00:00Z', 'spec')`,
      [id, tenant, days, hours],
    );
  for (let i = 0; i < 120; i++) await insertOrder(db, r, i);
}

async function insertOrder(db: SqlDatabase, r: ReturnType<typeof random>, i: number) {
  const [assetId, tenant, type] = r.pick(ASSETS);
  const source = r.pick(['MODEL', 'MODEL', 'PLAN', 'RULE']);
  // Only one order per asset and component may be open: the others are done or cancelled.
  const status = r.next() < 0.8 ? 'DONE' : 'CANCELLED';
  const created = PERIOD.from - 20 * DAY + r.int(70 * DAY);
  // Some are closed as they are raised: an order is not its own repeat.
  const completed = status === 'DONE' ? created + (r.next() < 0.15 ? 0 : r.int(5 * DAY)) : null;
  // Due dates around the completion: early, late within a plan's grace, and later.
  const replaceBy = created + (r.int(10) - 6) * DAY + r.int(DAY);
  const outcome = status === 'DONE' ? r.pick(OUTCOMES) : null;
  const parts = Array.from({ length: r.int(3) }, () => ({
    partNumber: r.pick(['P-1', 'P-2']),
    quantity: 1 + r.int(3),
    ...(r.next() < 0.8 ? { unitCost: (r.int(100_000) / 100).toFixed(2) } : {}),
  }));
  const id = `o-${String(i).padStart(3, '0')}`;
  const isoOrNull = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  await db.query(
    `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, created_at, updated_at,
       completed_at, asset_type, source, source_ref, failure_outcome, failure_code, parts_used, labour_hours, cost)
     values ($1, $2, $3, $4, $5, 'MEDIUM', $6, $7, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16)`,
    [
      id,
      tenant,
      assetId,
      r.pick(COMPONENTS),
      status,
      new Date(replaceBy).toISOString(),
      new Date(created).toISOString(),
      isoOrNull(completed),
      r.next() < 0.1 ? null : type,
      source,
      source === 'PLAN' ? r.pick(PLAN_REFS) : 'm@1',
      outcome,
      outcome === null ? null : 'CODE',
      outcome === null ? null : JSON.stringify(parts),
      outcome === null ? null : 2,
      (r.int(500_000) / 100).toFixed(2),
    ],
  );
  let at = created;
  for (let k = r.int(6); k > 0; k--) {
    at += r.next() < 0.2 ? 0 : r.int(10 * 3_600_000);
    await db.query(
      `insert into task_history (task_id, tenant_id, kind, to_status, actor, at) values ($1, $2, 'TRANSITION', $3, 'tech', $4)`,
      [
        id,
        tenant,
        r.pick(['IN_PROGRESS', 'IN_PROGRESS', 'WAITING_PARTS', 'SCHEDULED', 'DONE']),
        new Date(at).toISOString(),
      ],
    );
  }
}

/** The figures as the report reads them: failing components ranked, costs to the cent. */
const comparable = (f: OrderFigures, closeTo: boolean) => ({
  ...f,
  failingComponents: rankFailingComponents(f.failingComponents, Infinity),
  serviceCostByType: [...f.serviceCostByType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, cost]) => [type, Math.round(cost * 100) / 100]),
  mttrHours: f.mttrHours === null || !closeTo ? f.mttrHours : expect.closeTo(f.mttrHours, 9),
});

// The SQL aggregation (`GET /api/kpis`) against the KPI lib's functions over every order read.
forEachSqlBackend(TaskKpiOrderFigureSource.name, (db: () => SqlDatabase) => {
  beforeAll(() => seedRandomLog(db()), 120_000);

  const cases: Array<[string, Scope, string | undefined]> = [
    ['every tenant', PROVIDER_SCOPE, undefined],
    ['acme', tenantScope('acme'), undefined],
    ['acme turbofans', tenantScope('acme'), 'turbofan'],
    ['globex pumps', tenantScope('globex'), 'pump'],
  ];

  it.each(cases)(
    'gives the figures the KPI functions compute from the orders: %s',
    async (_name, scope, type) => {
      const orders = await new TaskKpiOrderSource(db()).orders(scope, PERIOD, type);
      const expected = orderFigures(orders, PERIOD);
      const sut = new TaskKpiOrderFigureSource(db());
      expect(comparable(await sut.figures(scope, PERIOD, type), false)).toEqual(
        comparable(expected, true),
      );
    },
  );

  it('compares figures that are not trivial (repeats, late and on-time plan orders, repairs)', async () => {
    const orders = await new TaskKpiOrderSource(db()).orders(PROVIDER_SCOPE, PERIOD);
    const f = orderFigures(orders, PERIOD);
    expect(f.firstTimeFixRate).toBeGreaterThan(0);
    expect(f.firstTimeFixRate).toBeLessThan(1);
    expect(f.pmCompliance).toBeGreaterThan(0);
    expect(f.pmCompliance).toBeLessThan(1);
    expect(f.predictiveHitRate).toBeGreaterThan(0);
    expect(f.mttrHours).toBeGreaterThan(0);
    expect(f.failingComponents.length).toBeGreaterThan(1);
  });
});
