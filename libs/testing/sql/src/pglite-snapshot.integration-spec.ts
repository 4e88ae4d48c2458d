import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, type Migration } from '@hourglass/platform-sql';
import { allMigrations, migratedDataDir, openTestDatabase } from './platform-schema';
import { schemaKey } from './pglite-snapshot';

const recorded = async (db: { query: <T>(sql: string) => Promise<T[]> }) =>
  (await db.query<{ version: number }>('select version from schema_migrations order by 1')).map(
    (r) => r.version,
  );

describe('migrated PGlite snapshots for tests', () => {
  const versions = allMigrations().map((m) => m.version);

  it('opens an in-memory database with every migration recorded and its tables present', async () => {
    const db = await openTestDatabase();
    try {
      expect(await recorded(db)).toEqual(versions);
      // Nothing is left to apply, and the schema is really there (a table of the last domain).
      expect(await migrate(db, allMigrations())).toEqual([]);
      await db.query('select count(*) from assets');
    } finally {
      await db.close();
    }
  });

  it('gives each test its own database (writes in one are not seen by the next)', async () => {
    const first = await openTestDatabase();
    await first.query(`insert into tenants (id, name) values ('snapshot-t', 'Snapshot')`);
    await first.close();
    const second = await openTestDatabase();
    try {
      expect(await second.query(`select id from tenants where id = 'snapshot-t'`)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('keys the snapshot by every migration text, so a changed migration is never served stale', () => {
    const migrations = allMigrations();
    const changed: Migration[] = migrations.map((m, i) =>
      i === migrations.length - 1 ? { ...m, sql: `${m.sql}\n-- changed` } : m,
    );
    expect(schemaKey(changed)).not.toBe(schemaKey(migrations));
    expect(schemaKey([...migrations].reverse())).toBe(schemaKey(migrations));
    const before = migrations.slice(0, -1);
    expect(schemaKey(before)).not.toBe(schemaKey(migrations));
  });

  it('seeds a data directory the platform opens without initdb or migrations', async () => {
    const dir = await migratedDataDir('hg-snapshot-');
    const empty = mkdtempSync(join(tmpdir(), 'hg-snapshot-empty-'));
    try {
      const seeded = await openDatabase({ dataDir: dir, migrations: [] });
      expect(await recorded(seeded)).toEqual(versions);
      expect(await migrate(seeded, allMigrations())).toEqual([]);
      await seeded.close();
      // Against an empty directory the same open has everything still to do.
      const fresh = await openDatabase({ dataDir: empty, migrations: [] });
      expect(await recorded(fresh)).toEqual([]);
      await fresh.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
