import { PGlite } from '@electric-sql/pglite';
import { allMigrations, openTestDatabase } from '@hourglass/testing-sql';
(async () => {
  let t = Date.now();
  const db = await openTestDatabase({ migrations: allMigrations() });
  console.log('migrated (cold)', Date.now() - t);
  const pg = (db as any).db as PGlite;
  t = Date.now();
  const blob = await pg.dumpDataDir('none');
  console.log('dump', Date.now() - t, blob.size);
  t = Date.now();
  const b = new PGlite({ loadDataDir: blob }); await b.waitReady;
  console.log('load', Date.now() - t, (await b.query('select count(*) from schema_migrations')).rows);
  t = Date.now();
  const c = await openTestDatabase({ migrations: allMigrations() });
  console.log('migrated (warm)', Date.now() - t);
})();
