import { BillingStores } from '@hourglass/billing-records';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope, type Scope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { billingPaidEvents, contractEconomics, customerHealthAdapters } from './success.adapters';

const NOW = Date.now();
const YEAR_MS = 365 * 86_400_000;

/**
 * Three customers: `a` and `b` with fleet contracts, `c` with a contract covering one of its two
 * assets. `a` has 16 billed months (more than any port reads), two of them revised (a draft over a
 * finalised run; a superseded run and its finalised successor) and one closed late; `b` has a month
 * without required time. Orders: done, cancelled (with a cost) and done outside the year.
 */
async function storeBook(db: SqlDatabase): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('a', 'a'), ('b', 'b'), ('c', 'c')`);
  const assets = ['a-1', 'a-2', 'b-1', 'c-1', 'c-2'];
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select id, split_part(id, '-', 1), 'turbofan', id, 'x' from unnest($1::text[]) id`,
    [assets],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type, created_at)
     select id, split_part(id, '-', 1), id, 'turbofan', $2::timestamptz - interval '500 days' from unnest($1::text[]) id`,
    [assets, new Date(NOW).toISOString()],
  );
  await db.query(
    `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz, fleet, created_at)
     select t || '-k', t, 'service ' || t, 'EUR', 120, 0.97, 'UTC', t <> 'c', $1::timestamptz - interval '500 days'
     from unnest(array['a', 'b', 'c']) t`,
    [new Date(NOW).toISOString()],
  );
  await db.query(
    `insert into contract_assets (contract_id, asset_id, covered_from)
     values ('c-k', 'c-1', $1::timestamptz - interval '500 days')`,
    [new Date(NOW).toISOString()],
  );
  // (contract, months back, revision, status, availability, total)
  const runs: Array<[string, number, number, string, string | null, number]> = [
    ...Array.from(
      { length: 16 },
      (_, k) =>
        ['a-k', k + 1, 1, 'FINALIZED', `${96 + k / 10}`, 1000 + k] as [
          string,
          number,
          number,
          string,
          string | null,
          number,
        ],
    ),
    ['a-k', 1, 2, 'DRAFT', '91.5', 5000],
    ['a-k', 2, 2, 'FINALIZED', '92.25', 7000],
    ['a-k', 3, 2, 'CLOSED_LATE', '93', 800],
    ['b-k', 1, 1, 'FINALIZED', null, 0],
    ['b-k', 2, 1, 'FINALIZED', '99', 2500.5],
    ['b-k', 3, 1, 'FINALIZED', '98', 2400],
    ['c-k', 1, 1, 'FINALIZED', '97.5', 300],
    ['c-k', 14, 1, 'FINALIZED', '90', 900],
  ];
  await db.query(
    `insert into billing_runs (contract_id, tenant_id, period, revision, input_key, status, period_start, period_end,
       algorithm, figures, lines, total, currency, billable_hours, review, inputs, cutoff_at, finalized_at)
     select u.k, split_part(u.k, '-', 1), to_char(s, 'YYYY-MM'), u.rev, 'spec', u.status, s, s + interval '1 month', 'spec',
       jsonb_build_object('availabilityPct', u.pct, 'noRequiredTime', u.pct is null), '[]'::jsonb, u.total, 'EUR', 100,
       '{"reasons":[],"notes":[]}'::jsonb, '{}'::jsonb, s + interval '1 month', s + interval '1 month 3 days'
     from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::numeric[]) u(k, back, rev, status, pct, total),
       lateral (select date_trunc('month', $7::timestamptz at time zone 'UTC') at time zone 'UTC' - u.back * interval '1 month' as s) p`,
    [
      runs.map((r) => r[0]),
      runs.map((r) => r[1]),
      runs.map((r) => r[2]),
      runs.map((r) => r[3]),
      runs.map((r) => r[4]) as string[],
      runs.map((r) => r[5]),
      new Date(NOW).toISOString(),
    ],
  );
  await db.query(`update billing_runs set status = 'SUPERSEDED' where contract_id = 'a-k' and revision = 1
    and period = (select period from billing_runs where contract_id = 'a-k' and revision = 2 and status = 'FINALIZED')`);
  // (id, asset, status, days back, cost)
  const tasks: Array<[string, string, string, number, number]> = [
    ['t1', 'a-1', 'DONE', 10, 400],
    ['t2', 'a-2', 'DONE', 200, 650.25],
    ['t3', 'a-1', 'CANCELLED', 20, 9999],
    ['t4', 'a-2', 'DONE', 400, 7777],
    ['t5', 'c-1', 'DONE', 30, 120],
    ['t6', 'c-2', 'DONE', 30, 4444],
    ['t7', 'a-2', 'OPEN', 0, 0],
    ['t8', 'c-2', 'IN_PROGRESS', 0, 0],
  ];
  await db.query(
    `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, asset_type, source, source_ref,
       created_at, updated_at, completed_at, cost, outcome)
     select u.id, split_part(u.asset, '-', 1), u.asset, 'hpc-module', u.status, 'MEDIUM', d, 'turbofan', 'RULE', 'spec',
       d - interval '1 day', d, d, u.cost, 'replaced'
     from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::numeric[]) u(id, asset, status, back, cost),
       lateral (select $6::timestamptz - u.back * interval '1 day' as d) t`,
    [
      tasks.map((t) => t[0]),
      tasks.map((t) => t[1]),
      tasks.map((t) => t[2]),
      tasks.map((t) => t[3]),
      tasks.map((t) => t[4]),
      new Date(NOW).toISOString(),
    ],
  );
}

/** The three ports as they were computed before: one read of runs (and of costs) per contract. */
async function perContract(db: SqlDatabase, scope: Scope) {
  const stores = new BillingStores(db);
  const tasks = new TaskRepository(db);
  const [from, to] = [NOW - YEAR_MS, NOW];
  const contracts = await stores.contracts.list(scope);
  const health = [];
  const paid = [];
  const economics = [];
  for (const c of contracts) {
    const latest = await stores.runs.latestPerPeriod(scope, c.id, 5);
    health.push({
      contractId: c.id,
      tenantId: c.tenantId,
      name: c.name,
      assetIds: c.assetIds,
      endsAt: c.endsAt === null ? null : new Date(c.endsAt).toISOString(),
      periods: latest
        .filter((r) => r.status !== 'SUPERSEDED')
        .slice(0, 3)
        .map((r) => ({
          period: r.period,
          availabilityPct: r.figures.noRequiredTime ? null : Number(r.figures.availabilityPct),
          targetPct: Number(c.slaTarget) * 100,
        })),
    });
    const runs = await stores.runs.latestPerPeriod(scope, c.id, 14);
    for (const run of runs) {
      const at = Date.parse(run.periodEnd);
      const issued = run.status === 'FINALIZED' || run.status === 'CLOSED_LATE';
      if (!issued || Number(run.total) <= 0 || at <= from || at > to) continue;
      paid.push({
        tenantId: c.tenantId,
        at: new Date(at).toISOString(),
        amount: Number(run.total),
        ref: `contract ${c.id} ${run.period}`,
      });
    }
    const revenue = runs
      .filter((r) => r.status !== 'SUPERSEDED')
      .filter((r) => Date.parse(r.periodEnd) > from && Date.parse(r.periodEnd) <= to)
      .reduce((sum, r) => sum + Number(r.total), 0);
    const cost = await tasks.completedCosts(
      scope,
      new Date(from).toISOString(),
      new Date(to).toISOString(),
      c.fleet ? { tenantId: c.tenantId } : { windows: c.coverage },
    );
    economics.push({ contractId: c.id, revenue, serviceCost: Number(cost.cost) });
  }
  return { health, paid, economics };
}

/**
 * The contracts, paid-events and economics ports read the whole scope's runs and fleet costs in one
 * statement each, and the open-orders port only open orders: they give what one read per contract
 * (and every order, filtered) gives, for the provider and for a tenant.
 */
forEachSqlBackend('success contract ports against one read per contract', (db) => {
  beforeAll(async () => {
    await storeBook(db());
  });

  it.each([
    ['the provider', PROVIDER_SCOPE],
    ['tenant a', tenantScope('a')],
  ] as Array<[string, Scope]>)('give one read per contract’s figures for %s', async (_, scope) => {
    const stores = new BillingStores(db());
    const expected = await perContract(db(), scope);
    const [from, to] = [NOW - YEAR_MS, NOW];
    expect(await customerHealthAdapters(db(), stores).contracts.contracts(scope, 3)).toEqual(
      expected.health,
    );
    expect(await billingPaidEvents(stores).paid(scope, from, to)).toEqual(expected.paid);
    expect(await contractEconomics(db(), stores).economics(scope, from, to)).toEqual(
      expected.economics,
    );
    const open = (await new TaskRepository(db()).list(scope)).filter(
      (t) => t.status !== 'DONE' && t.status !== 'CANCELLED',
    );
    expect(await customerHealthAdapters(db(), stores).orders.open(scope)).toEqual(
      open.map((t) => ({
        taskId: t.id,
        tenantId: t.tenantId,
        assetId: t.assetId,
        dueBy: t.replaceBy,
      })),
    );
    expect(open.length).toBe(scope === PROVIDER_SCOPE ? 2 : 1);
    // The book reaches the cases: revisions, a month without required time, costs left out.
    const a = expected.economics.find((e) => e.contractId === 'a-k');
    expect(a?.serviceCost).toBe(1050.25);
    if (scope === PROVIDER_SCOPE) {
      expect(expected.economics.find((e) => e.contractId === 'c-k')?.serviceCost).toBe(120);
      expect(expected.health.find((h) => h.contractId === 'b-k')?.periods[0].availabilityPct).toBe(
        null,
      );
    }
    expect(
      expected.health.find((h) => h.contractId === 'a-k')?.periods.map((p) => p.availabilityPct),
    ).toEqual([91.5, 92.25, 93]);
  });
});
