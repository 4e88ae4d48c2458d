import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { startPostgres, type PostgresServer } from '@hourglass/testing-services';
import { openTestDatabase } from '@hourglass/testing-sql';
import { isoToMicros } from './billing-time';
import { StateEventDayRepository } from './state-event-day.repository';

/**
 * The smallest fleet found where PostgreSQL's planner, left to choose for `asset_id = any(page)`,
 * scans every block in parallel (a table over `min_parallel_table_scan_size`, and a day of raw rows
 * per asset making the late-event check look costly per block): the bench's plan at 1,000 assets.
 * PGlite runs no parallel workers and keeps its index there, so this is PostgreSQL only.
 */
const ASSETS = 300;
const PAGE = Array.from({ length: 25 }, (_, i) => `asset-${String(150 + i).padStart(4, '0')}`);

/** A database that records the statements run through it. */
function recording(db: SqlDatabase): { db: SqlDatabase; seen: Array<[string, SqlValue[]]> } {
  const seen: Array<[string, SqlValue[]]> = [];
  const proxy = Object.create(db) as SqlDatabase;
  proxy.query = (<T>(text: string, params: readonly SqlValue[] = []) => {
    seen.push([text, [...params]]);
    return db.query<T>(text, params);
  }) as SqlDatabase['query'];
  return { db: proxy, seen };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

async function seed(db: SqlDatabase): Promise<void> {
  const fleet = `generate_series(0, ${ASSETS - 1}) as a`;
  const id = `'asset-' || lpad(a::text, 4, '0')`;
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme')`);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash) select ${id}, 'acme', 't', ${id}, 'x' from ${fleet}`,
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) select ${id}, 'acme', ${id}, 't' from ${fleet}`,
  );
  // Raw rows: May 31 a heartbeat a minute (the day before the period), received 2 s after.
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at)
     select ${id}, 'acme', t, 'HEARTBEAT', 'RUN', t + interval '2 seconds' from ${fleet},
       generate_series(timestamptz '2026-05-31T00:00:00Z', '2026-05-31T23:59:00Z', interval '1 minute') as t`,
  );
  // Blocks of ~1.2 kB (a day of one-minute data) from May 31 to June 30.
  await db.query(
    `insert into state_event_days (asset_id, tenant_id, day, packed_through, max_received_at, events, payload)
     select ${id}, 'acme', date '2026-05-31' + d, '2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z', 1500,
            convert_to(repeat(md5((a * 100 + d)::text), 38), 'UTF8')
     from ${fleet}, generate_series(0, 30) as d`,
  );
  await db.query(`analyze state_events`);
  await db.query(`analyze state_event_days`);
}

describe(`${StateEventDayRepository.name} on postgres`, () => {
  let server: PostgresServer;
  let db: SqlDatabase;

  beforeAll(async () => {
    server = await startPostgres();
    db = await openTestDatabase({ databaseUrl: server.url });
    await seed(db);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  it("reads a page's blocks through each asset's key range, not a scan of every block", async () => {
    const { db: recorded, seen } = recording(db);
    const sut = new StateEventDayRepository(recorded);

    const blocks = await sut.usable(
      PROVIDER_SCOPE,
      PAGE,
      isoToMicros('2026-06-01T00:00:00Z'),
      isoToMicros('2026-07-01T00:00:00Z'),
      isoToMicros('2026-07-01T01:00:00Z'),
    );

    expect(blocks).toHaveLength(PAGE.length * 30);
    expect(new Set(blocks.map((b) => b.assetId))).toEqual(new Set(PAGE));
    expect(seen).toHaveLength(1);
    const [text, params] = seen[0];
    const [row] = await db.query<{ 'QUERY PLAN': unknown }>(
      `explain (format json) ${text}`,
      params,
    );
    const plan = row['QUERY PLAN'];
    const root = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Array<{ Plan: PlanNode }>;
    const nodes = nodesOf(root[0].Plan);
    const onBlocks = nodes.filter((n) => n['Relation Name'] === 'state_event_days');
    expect(onBlocks.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(nodes.map((n) => n['Index Name'])).toContain('state_event_days_pkey');
  });
});
