import { composeMigrations, migrate, type MigrationPart } from './migration';
import { forEachEngine } from './sql-engines.fixture';

// This lib owns no table but the runner's: two small versions in two owners stand for the schema.
const parts: MigrationPart[] = [
  {
    version: 1,
    name: 'one',
    owner: 'platform-tenancy',
    sql: 'create table tenants (id text primary key, name text not null);',
  },
  {
    version: 1,
    name: 'one',
    owner: 'devices-registry',
    sql: 'create table devices (id text primary key, tenant_id text references tenants(id));',
  },
  {
    version: 2,
    name: 'two',
    owner: 'platform-tenancy',
    sql: 'alter table tenants add column created_at timestamptz;',
  },
];
const MIGRATIONS = composeMigrations([...parts].reverse());

// The platform's two relational engines, each freshly migrated: embedded PGlite and a real PostgreSQL.
forEachEngine(
  'SqlDatabase',
  (db) => {
    it('has applied every migration, and applying again changes nothing', async () => {
      const rows = await db().query<{ version: number }>(
        'select version from schema_migrations order by version',
      );
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      await expect(migrate(db(), MIGRATIONS)).resolves.toEqual([]);
    });

    it('returns the same JS types on both engines', async () => {
      const [row] = await db().query<Record<string, unknown>>(
        `select count(*) as n, 12::bigint as big, 1.50::numeric(9, 2) as money, now() as at, true as flag`,
      );
      expect(row).toEqual({ n: 1, big: 12, money: '1.50', at: expect.any(Date), flag: true });
    });

    it('binds arrays for unnest inserts', async () => {
      await db().query(
        `insert into tenants (id, name) select * from unnest($1::text[], $2::text[]) on conflict do nothing`,
        [
          ['t-a', 't-b'],
          ['A', 'B'],
        ],
      );
      const rows = await db().query<{ id: string }>(
        `select id from tenants where id like 't-%' order by id`,
      );
      expect(rows.map((r) => r.id)).toEqual(['t-a', 't-b']);
    });

    it('rolls a failed transaction back completely', async () => {
      await expect(
        db().transaction(async (tx) => {
          await tx.query(`insert into tenants (id, name) values ('rolled-back', 'x')`);
          await tx.query('select * from no_such_table');
        }),
      ).rejects.toThrow(/no_such_table/);
      expect(await db().query(`select id from tenants where id = 'rolled-back'`)).toEqual([]);
    });
  },
  MIGRATIONS,
);
