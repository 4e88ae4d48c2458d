import { startPostgres } from '@hourglass/testing-services';
import { migrate, type Migration } from './migration';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import type { SqlDatabase } from './sql-database';

/**
 * Runs a suite on both engines (embedded PGlite and a real PostgreSQL started by the harness),
 * each migrated with `migrations`. (Other libs' specs use `forEachSqlBackend` of testing-sql, which
 * this lib cannot import without an import circle.)
 * `body` receives a getter, valid inside the tests (after beforeAll).
 */
export function forEachEngine(
  name: string,
  body: (db: () => SqlDatabase) => void,
  migrations: readonly Migration[],
): void {
  describe.each(['pglite', 'postgres'] as const)(`${name} on %s`, (engine) => {
    let db: SqlDatabase | undefined;
    let stopServer: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      if (engine === 'postgres') {
        const server = await startPostgres();
        stopServer = () => server.stop();
        db = await PostgresDatabase.open(server.url);
      } else {
        db = await PgliteDatabase.open();
      }
      await migrate(db, migrations);
    }, 120_000);

    afterAll(async () => {
      await db?.close();
      await stopServer?.();
    });

    body(() => {
      if (!db) throw new Error(`${engine} database not open: used outside a test?`);
      return db;
    });
  });
}
