import { join } from 'node:path';
import { migrate, type Migration } from './migration';
import { PgliteDatabase } from './pglite-database';
import { PostgresDatabase } from './postgres-database';
import type { SqlDatabase } from './sql-database';

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when unset the embedded database is used. */
  databaseUrl?: string;
  /** Data directory of the embedded database (`<dir>/sql`); in memory when unset. */
  dataDir?: string;
  /**
   * In memory only: start from this PGlite dump (`dumpDataDir`) instead of a new, empty cluster.
   * Tests open a database migrated once per schema this way (initdb and the migrations take
   * seconds; loading the dump a fraction of one).
   */
  loadDataDir?: Blob;
  /**
   * The schema to bring the database up to, composed by a composition root from every owning
   * lib's parts (`composeMigrations`); empty to open the database as it is.
   */
  migrations: readonly Migration[];
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDatabase> {
  const db = options.databaseUrl
    ? await PostgresDatabase.open(options.databaseUrl)
    : options.dataDir
      ? await PgliteDatabase.open(join(options.dataDir, 'sql'))
      : await PgliteDatabase.openInMemory(options.loadDataDir);
  try {
    await migrate(db, options.migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
