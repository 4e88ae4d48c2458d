// A year of service history for the alerts bench, generated inside PostgreSQL: each statement
// inserts a whole table's rows from generate_series (no row crosses the wire), with deterministic
// pseudo-random choices from a multiplicative hash of the row number.
import type { SqlDatabase } from '@hourglass/platform-sql';
import { DEFAULT_TENANT_ID, ensureTenant } from '@hourglass/platform-tenancy';
import { countProgress } from '../support/phase-progress';

/** What {@link loadOrderHistory} stored. */
export interface LoadedHistory {
  assets: number;
  orders: number;
  historyRows: number;
  stateEvents: number;
  riskScores: number;
  seconds: number;
}

const DAY_MS = 86_400_000;
/** Orders per asset over the year: model, plan and rule orders (see the README). */
export const ORDERS_PER_ASSET = 3;

type Step = (what: string, sql: string, params?: unknown[]) => Promise<void>;

/** The fleet alone: `assets` devices and turbofan assets of the default tenant (`--skip queries`). */
export async function loadAssets(
  db: SqlDatabase,
  assets: number,
  yearStart: string,
  step: Step = async (_what, sql, params = []) => void (await db.query(sql, params as string[])),
): Promise<void> {
  await ensureTenant(db, DEFAULT_TENANT_ID);
  await step(
    `${assets} devices`,
    `insert into devices (id, tenant_id, type, username, password_hash)
     select ${assetId('i')}, 'default', 'turbofan', ${assetId('i')}, 'bench' from generate_series(1, $1::int) i`,
    [assets],
  );
  await step(
    `${assets} assets`,
    `insert into assets (id, tenant_id, device_id, type, state, installed_at)
     select ${assetId('i')}, 'default', ${assetId('i')}, 'turbofan', 'RUN', $2::timestamptz - interval '400 days'
     from generate_series(1, $1::int) i`,
    [assets, yearStart],
  );
}

/** `h(x, salt)` in [0, 1): a deterministic hash of a row number (Knuth's multiplicative hash). */
const hash = (x: string, salt: number) =>
  `((((${x})::bigint * 2654435761 + ${salt}) % 4294967296) / 4294967296.0)`;

/** Asset ids `bench-000001`...: devices and assets of the default tenant, type turbofan. */
export const assetId = (sqlNumber: string) => `'bench-' || lpad((${sqlNumber})::text, 6, '0')`;

/**
 * Stores `assets` devices and assets, a year (ending `now`) of work orders with their status history
 * (acknowledged, scheduled, in progress, done with a report), the state events around each failure,
 * and a latest risk score per asset. Returns the row counts and the time it took.
 */
export async function loadOrderHistory(
  db: SqlDatabase,
  assets: number,
  now: number,
  log: (line: string) => void,
): Promise<LoadedHistory> {
  const t0 = performance.now();
  const yearStart = new Date(now - 365 * DAY_MS).toISOString();
  // One tick per statement below (two in loadAssets, four here): coarse, but each is seconds long.
  const statements = countProgress('loading service history', 6, 'statements');
  let done = 0;
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = performance.now();
    await db.query(sql, params as string[]);
    log(`  ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    statements.update(++done);
  };
  await loadAssets(db, assets, yearStart, step);
  // Order n of asset i: created at a hashed time in the year, done two days later (the newest of
  // every tenth asset still open); 60 % model, 25 % plan, 15 % rule; 85 % of reports confirm the defect.
  await step(
    `${assets * ORDERS_PER_ASSET} orders`,
    `insert into tasks (id, tenant_id, asset_id, asset_type, component, status, priority, predicted_rul, risk,
       model_version, source, source_ref, replace_by, created_at, updated_at, acknowledged_at, planned_for,
       assignee, started_at, completed_at, failure_outcome, failure_code, parts_used, labour_hours, cost)
     select o.id, 'default', o.asset, 'turbofan', 'hpc-module', o.status, 'MEDIUM',
       case when o.source = 'MODEL' then 20 end, case when o.source = 'MODEL' then 0.7 end,
       case when o.source = 'MODEL' then 'bench-model' end, o.source,
       case o.source when 'MODEL' then 'bench-model' when 'PLAN' then 'bench-plan' else 'bench-rule' end,
       o.created + interval '20 days', o.created, o.created + interval '2 days',
       o.created + interval '2 hours', o.created + interval '1 day', 'bench-technician',
       case when o.status = 'DONE' then o.created + interval '1 day' end,
       case when o.status = 'DONE' then o.created + interval '1 day 6 hours' end,
       case when o.status <> 'DONE' then null when o.h3 < 0.85 then 'DEFECT_CONFIRMED_REPLACED' else 'NO_FAULT_FOUND' end,
       case when o.status = 'DONE' then 'HPC-MODULE-REPLACED' end,
       case when o.status = 'DONE' then '[{"partNumber":"HPC-SEAL-KIT-12","quantity":1,"unitCost":"1200.00"}]'::jsonb end,
       case when o.status = 'DONE' then 6 end,
       case when o.status = 'DONE' then 1680.00 else 0 end
     from (
       select 'bench-order-' || i || '-' || n as id, ${assetId('i')} as asset,
         $2::timestamptz + ((n - 1) * 120 + floor(${hash('i * 7 + n', 11)} * 110)) * interval '1 day' as created,
         case when n = $3 and i % 10 = 0 then 'SCHEDULED' else 'DONE' end as status,
         case when ${hash('i * 13 + n', 5)} < 0.6 then 'MODEL' when ${hash('i * 13 + n', 5)} < 0.85 then 'PLAN' else 'RULE' end as source,
         ${hash('i * 17 + n', 3)} as h3
       from generate_series(1, $1::int) i cross join generate_series(1, $3::int) n
     ) o`,
    [assets, yearStart, ORDERS_PER_ASSET],
  );
  await step(
    'their status history',
    `insert into task_history (task_id, tenant_id, kind, from_status, to_status, actor, at)
     select t.id, t.tenant_id, s.kind, s.from_status, s.to_status, 'bench-technician', t.created_at + s.after
     from tasks t cross join (values
       ('RAISED', null, 'OPEN', interval '0'),
       ('TRANSITION', 'OPEN', 'ACKNOWLEDGED', interval '2 hours'),
       ('TRANSITION', 'ACKNOWLEDGED', 'SCHEDULED', interval '3 hours'),
       ('TRANSITION', 'SCHEDULED', 'IN_PROGRESS', interval '1 day'),
       ('TRANSITION', 'IN_PROGRESS', 'DONE', interval '1 day 6 hours')) as s(kind, from_status, to_status, after)
     where t.id like 'bench-order-%' and (t.status = 'DONE' or s.after <= interval '3 hours')`,
  );
  // RUN from the year's start; every confirmed model order was a failure: FAULT for 8 hours before it.
  await step(
    'state events',
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state)
     select ${assetId('i')}, 'default', $2::timestamptz, 'STATE', 'RUN' from generate_series(1, $1::int) i
     union all
     select t.asset_id, 'default', t.created_at - interval '8 hours', 'STATE', 'FAULT'
     from tasks t where t.id like 'bench-order-%' and t.failure_outcome = 'DEFECT_CONFIRMED_REPLACED' and t.source = 'MODEL'
     union all
     select t.asset_id, 'default', t.created_at, 'STATE', 'RUN'
     from tasks t where t.id like 'bench-order-%' and t.failure_outcome = 'DEFECT_CONFIRMED_REPLACED' and t.source = 'MODEL'
     on conflict do nothing`,
    [assets, yearStart],
  );
  await step(
    `${assets} risk scores`,
    `insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end)
     select ${assetId('i')}, 'default', power(${hash('i', 29)}, 6), 30, 100, 'bench-model', $2::timestamptz, $2::timestamptz
     from generate_series(1, $1::int) i`,
    [assets, new Date(now).toISOString()],
  );
  await db.query('analyze');
  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql))[0].n);
  return {
    assets,
    orders: await count(`select count(*) as n from tasks where id like 'bench-order-%'`),
    historyRows: await count('select count(*) as n from task_history'),
    stateEvents: await count('select count(*) as n from state_events'),
    riskScores: await count('select count(*) as n from risk_scores'),
    seconds: (performance.now() - t0) / 1000,
  };
}
