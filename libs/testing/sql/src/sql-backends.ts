import type { Migration, SqlDatabase } from '@hourglass/platform-sql';
import { startPostgres } from '@hourglass/testing-services';
import { allMigrations, openTestDatabase } from './platform-schema';

/**
 * Runs the same suite against both relational engines the platform supports: embedded PGlite
 * and a real PostgreSQL server started by the harness, each freshly migrated with `migrations`
 * (default: the whole platform schema; a migration's own spec passes the ones before it).
 * `body` receives a getter, valid inside the tests (after beforeAll).
 */
export function forEachSqlBackend(
  name: string,
  body: (db: () => SqlDatabase) => void,
  migrations: readonly Migration[] = allMigrations(),
): void {
  describe.each(['pglite', 'postgres'] as const)(`${name} on %s`, (engine) => {
    let db: SqlDatabase | undefined;
    let stopServer: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      if (engine === 'postgres') {
        const server = await startPostgres();
        stopServer = () => server.stop();
        db = await openTestDatabase({ databaseUrl: server.url, migrations });
      } else {
        db = await openTestDatabase({ migrations });
      }
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
