// A provider's book for the success bench, generated inside PostgreSQL: each statement inserts a
// whole table's rows from generate_series (no row crosses the wire), with deterministic
// pseudo-random choices from a multiplicative hash of the row number (as the alerts bench does).
import type { SqlDatabase } from '@hourglass/platform-sql';

/** The size of the book. */
export interface BookSize {
  customers: number;
  assetsPerCustomer: number;
  /** Days of operating-hours events before now (one RUN heartbeat per asset and day). */
  hourDays: number;
}

/** Row counts and load time. */
export interface LoadedBook {
  customers: number;
  assets: number;
  stateEvents: number;
  orders: number;
  answers: number;
  billingRuns: number;
  seconds: number;
}

/** `h(x, salt)` in [0, 1): a deterministic hash of a row number. */
const hash = (x: string, salt: number) =>
  `((((${x})::bigint * 2654435761 + ${salt}) % 4294967296) / 4294967296.0)`;
const tenant = (n: string) => `'c-' || lpad((${n})::text, 5, '0')`;
const asset = (c: string, a: string) => `${tenant(c)} || '-' || lpad((${a})::text, 2, '0')`;
/** When order `o` of asset (c, a) was completed: about every 90 days back from now ($3). */
const ORDER_DAY = `$3::timestamptz - (o * 90 - floor(80 * ${hash('c * 100 + a', 13)})) * interval '1 day'`;

/**
 * Stores `customers` tenants with `assetsPerCustomer` assets each, one fleet contract per customer
 * billed for the last 12 months (availability 95-100 % against 97 %), four completed orders per
 * asset over the year (costs 200-2,000), an NPS answer for every other order, an open order on one
 * asset in ten, 3 % of the assets silent for 10 days, and a RUN heartbeat per asset and day over
 * `hourDays` days (a fifth of the customers run on half of the recent 90 days).
 */
export async function loadBook(
  db: SqlDatabase,
  size: BookSize,
  nowMs: number,
  progress: (line: string) => void,
): Promise<LoadedBook> {
  const started = Date.now();
  const { customers: n, assetsPerCustomer: per, hourDays } = size;
  const now = new Date(nowMs).toISOString();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    await db.query(sql, params as string[]);
    progress(`${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  };
  const assets = `generate_series(1, $1::int) c, generate_series(1, $2::int) a`;
  await step(
    `${n} tenants`,
    `insert into tenants (id, name) select ${tenant('c')}, ${tenant('c')} from generate_series(1, $1::int) c`,
    [n],
  );
  await step(
    `${n * per} devices`,
    `insert into devices (id, tenant_id, type, username, password_hash)
     select ${asset('c', 'a')}, ${tenant('c')}, 'turbofan', ${asset('c', 'a')}, 'bench' from ${assets}`,
    [n, per],
  );
  await step(
    `${n * per} assets`,
    `insert into assets (id, tenant_id, device_id, type, state, created_at, last_seen)
     select ${asset('c', 'a')}, ${tenant('c')}, ${asset('c', 'a')}, 'turbofan', 'RUN', $3::timestamptz - interval '400 days',
       $3::timestamptz - case when ${hash('c * 100 + a', 7)} < 0.03 then interval '10 days' else interval '1 hour' end
     from ${assets}`,
    [n, per, now],
  );
  await step(
    `${n} contracts`,
    `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz, fleet, created_at)
     select ${tenant('c')} || '-k', ${tenant('c')}, 'service', 'EUR', 120, 0.97, 'UTC', true, $2::timestamptz - interval '400 days'
     from generate_series(1, $1::int) c`,
    [n, now],
  );
  await step(
    `${n} contract versions`,
    `insert into contract_versions (contract_id, version, tenant_id, effective_from, terms, created_by)
     select ${tenant('c')} || '-k', 1, ${tenant('c')}, $2::timestamptz - interval '400 days',
       '{"tz":"UTC","currency":"EUR","ratePerHour":"120","slaTarget":"0.97"}'::jsonb, 'bench'
     from generate_series(1, $1::int) c`,
    [n, now],
  );
  await step(
    `${n * 12} billing runs`,
    `insert into billing_runs (contract_id, tenant_id, period, revision, input_key, status, period_start, period_end,
       algorithm, figures, lines, total, currency, billable_hours, review, inputs, cutoff_at, finalized_at)
     select ${tenant('c')} || '-k', ${tenant('c')}, to_char(s, 'YYYY-MM'), 1, 'bench', 'FINALIZED', s, s + interval '1 month',
       'bench', jsonb_build_object('availabilityPct', to_char(95 + 5 * ${hash('c * 13 + k', 3)}, 'FM990.000'), 'noRequiredTime', false),
       '[]'::jsonb, round((1000 + 9000 * ${hash('c', 5)})::numeric, 2), 'EUR', 100, '{"reasons":[],"notes":[]}'::jsonb, '{}'::jsonb,
       s + interval '1 month', s + interval '1 month 3 days'
     from generate_series(1, $1::int) c, generate_series(1, 12) k,
       lateral (select date_trunc('month', $2::timestamptz at time zone 'UTC') at time zone 'UTC' - k * interval '1 month' as s) p`,
    [n, now],
  );
  await step(
    `${n * per * 4} completed orders`,
    `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, asset_type, source, source_ref,
       created_at, updated_at, completed_at, cost, outcome)
     select ${asset('c', 'a')} || '-o' || o, ${tenant('c')}, ${asset('c', 'a')}, 'hpc-module', 'DONE', 'MEDIUM', d, 'turbofan', 'RULE', 'bench',
       d - interval '1 day', d, d, round((200 + 1800 * ${hash('c * 1000 + a * 10 + o', 11)})::numeric, 2), 'replaced'
     from ${assets}, generate_series(1, 4) o,
       lateral (select ${ORDER_DAY} as d) t`,
    [n, per, now],
  );
  await step(
    `open orders`,
    `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, asset_type, source, source_ref)
     select ${asset('c', 'a')} || '-open', ${tenant('c')}, ${asset('c', 'a')}, 'hpc-module', 'OPEN', 'HIGH',
       $3::timestamptz + (floor(20 * ${hash('c * 100 + a', 17)}) - 10) * interval '1 day', 'turbofan', 'RULE', 'bench'
     from ${assets} where ${hash('c * 100 + a', 19)} < 0.1`,
    [n, per, now],
  );
  await step(
    `NPS answers`,
    `insert into nps_answers (task_id, tenant_id, asset_id, score, answered_by, order_completed_at, answered_at)
     select ${asset('c', 'a')} || '-o' || o, ${tenant('c')}, ${asset('c', 'a')}, floor(11 * ${hash('c * 1000 + a * 10 + o', 23)})::int,
       'bench', d, d + interval '2 hours'
     from ${assets}, generate_series(1, 4) o, lateral (select ${ORDER_DAY} as d) t where o % 2 = 1`,
    [n, per, now],
  );
  await step(
    `${n * per * hourDays} state events`,
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state)
     select ${asset('c', 'a')}, ${tenant('c')}, date_trunc('day', $4::timestamptz) - d * interval '1 day' + interval '6 hours', 'STATE', 'RUN'
     from ${assets}, generate_series(1, $3::int) d
     where not (d <= 90 and ${hash('c', 29)} < 0.2 and d % 2 = 0)`,
    [n, per, hourDays, now],
  );
  await step('analyze', 'analyze');
  const [counts] = await db.query<Record<string, string>>(
    `select (select count(*) from state_events) as events, (select count(*) from tasks) as orders,
       (select count(*) from nps_answers) as answers, (select count(*) from billing_runs) as runs`,
  );
  return {
    customers: n,
    assets: n * per,
    stateEvents: Number(counts.events),
    orders: Number(counts.orders),
    answers: Number(counts.answers),
    billingRuns: Number(counts.runs),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
