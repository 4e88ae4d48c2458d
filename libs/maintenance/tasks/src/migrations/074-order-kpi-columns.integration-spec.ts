import { migrate, type SqlDatabase } from '@hourglass/platform-sql';
import { tenantScope } from '@hourglass/platform-tenancy';
import { allMigrations, forEachSqlBackend, migrationsBefore } from '@hourglass/testing-sql';
import { WorkOrderFigureRepository } from '../lib/work-order-figures.repository';
import { orderPartsCostSchema } from './074-order-parts-cost';

/** Orders of asset m-1 (type t): [id, component, status, created, completed, asset type, parts]. */
const ORDERS: Array<[string, string, string, string, string | null, string | null, unknown]> = [
  // Repeated by b 8 days after its completion: both flags.
  [
    'a',
    'hpc',
    'DONE',
    '03-01',
    '03-02',
    't',
    [{ quantity: 2, unitCost: '10.50' }, { quantity: 1 }],
  ],
  ['b', 'hpc', 'OPEN', '03-10', null, 't', null],
  // d comes 34 days after c's completion: no repeat.
  ['c', 'fan', 'DONE', '03-01', '03-02', 't', { quantity: 3, unitCost: '1' }],
  ['d', 'fan', 'DONE', '04-05', '04-06', 't', [{ quantity: 3, unitCost: '0.25' }]],
  // Repeated by an order without an asset type: in no scope of type t, so only repeat_raised.
  ['e', 'seal', 'DONE', '03-01', '03-02', 't', []],
  ['f', 'seal', 'CANCELLED', '03-03', null, null, null],
  // Closed as it was raised: an order is not its own repeat.
  ['g', 'valve', 'DONE', '03-02', '03-02', 't', null],
];

const at = (day: string | null) => (day === null ? null : `2026-${day}T00:00:00Z`);

async function seed(db: SqlDatabase) {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme')`);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash) values ('m-1', 'acme', 't', 'm-1', 'x')`,
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) values ('m-1', 'acme', 'm-1', 't')`,
  );
  for (const [id, component, status, created, completed, type, parts] of ORDERS)
    await db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, created_at, updated_at,
         completed_at, asset_type, parts_used)
       values ($1, 'acme', 'm-1', $2, $3, 'HIGH', $4, $4, $4, $5, $6, $7::jsonb)`,
      [id, component, status, at(created), at(completed), type, JSON.stringify(parts)],
    );
}

const columns = async (db: SqlDatabase) =>
  (
    await db.query<{ id: string; cost: string; any: boolean; alike: boolean }>(
      `select id, parts_cost::text as cost, repeat_raised as any, repeat_raised_alike as alike
       from tasks order by id`,
    )
  ).map((r) => `${r.id} ${Number(r.cost)} ${r.any} ${r.alike}`);

const figures = (db: SqlDatabase, assetType?: string) =>
  new WorkOrderFigureRepository(db).figures(
    tenantScope('acme'),
    { from: '2026-03-01T00:00:00Z', to: '2026-05-01T00:00:00Z', assetType },
    new Map(),
  );

// Orders written before migrations 74 and 75 get their parts cost and repeat flags (the back-fill);
// after them, every write keeps both as the definitions give them.
forEachSqlBackend(
  'order parts cost and repeat flags (migrations 74, 75)',
  (db) => {
    it('back-fills the parts cost and the repeat flags of the orders there are', async () => {
      await seed(db());
      const all = allMigrations();
      const later = all.filter((m) => m.version >= orderPartsCostSchema.version);
      expect(await migrate(db(), all)).toEqual(later.map((m) => m.version));
      expect(await columns(db())).toEqual([
        'a 21 true true',
        'b 0 false false',
        'c 0 false false',
        'd 0.75 false false',
        'e 0 true false',
        'f 0 false false',
        'g 0 false false',
      ]);
      // e is repeated for the tenant, not for its type: done a c d e g, first time c d g (+ e).
      expect(await figures(db())).toMatchObject({ done: 5, fixedFirstTime: 3 });
      expect(await figures(db(), 't')).toMatchObject({ done: 5, fixedFirstTime: 4 });
    });

    it('keeps them on every insert, update and delete of orders', async () => {
      // A repeat of g raised; c completed later, so d falls within its 30 days; b deleted.
      await db().query(
        `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, created_at, updated_at, asset_type)
         values ('h', 'acme', 'm-1', 'valve', 'OPEN', 'HIGH', $1, $1, $1, 't')`,
        [at('03-20')],
      );
      // i inserted done, repeated by h within 30 days; j inserted open but flagged (both cleared).
      await db().query(
        `insert into tasks (id, tenant_id, asset_id, component, status, priority, replace_by, created_at, updated_at,
           completed_at, asset_type, repeat_raised, repeat_raised_alike)
         values ('i', 'acme', 'm-1', 'valve', 'DONE', 'HIGH', $1, $1, $1, $2, 't', false, false),
                ('j', 'acme', 'm-1', 'pump', 'OPEN', 'HIGH', $1, $1, $1, null, 't', true, true)`,
        [at('03-12'), at('03-13')],
      );
      await db().query(`update tasks set completed_at = $1 where id = 'c'`, [at('03-20')]);
      await db().query(`delete from tasks where id = 'b'`);
      // f gets e's type: e is now repeated in type t too; a's parts change.
      await db().query(`update tasks set asset_type = 't' where id = 'f'`);
      await db().query(
        `update tasks set parts_used = '[{"quantity": 4, "unitCost": "2"}]' where id = 'a'`,
      );
      expect(await columns(db())).toEqual([
        'a 8 false false',
        'c 0 true true',
        'd 0.75 false false',
        'e 0 true true',
        'f 0 false false',
        'g 0 true true',
        'h 0 false false',
        'i 0 true true',
        'j 0 false false',
      ]);
      expect(await figures(db(), 't')).toMatchObject({ done: 6, fixedFirstTime: 2 });
    });
  },
  migrationsBefore(orderPartsCostSchema.version),
);
