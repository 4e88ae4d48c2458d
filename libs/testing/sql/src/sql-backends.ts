import { openDatabase, type SqlDatabase } from '@hourglass/platform-sql';
import { startPostgres } from '@hourglass/testing-services';

/**
 * Runs the same suite against both relational engines the platform supports: embedded PGlite
 * and a real PostgreSQL server started by the harness, each freshly migrated.
 * `body` receives a getter, valid inside the tests (after beforeAll).
 */
export function forEachSqlBackend(name: string, body: (db: () => SqlDatabase) => void): void {
  describe.each(['pglite', 'postgres'] as const)(`${name} on %s`, (engine) => {
    let db: SqlDatabase | undefined;
    let stopServer: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      if (engine === 'postgres') {
        const server = await startPostgres();
        stopServer = () => server.stop();
        db = await openDatabase({ databaseUrl: server.url });
      } else {
        db = await openDatabase({});
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
