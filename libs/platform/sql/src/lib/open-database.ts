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
   * The schema to bring the database up to, composed by a composition root from every owning
   * lib's parts (`composeMigrations`); empty to open the database as it is.
   */
  migrations: readonly Migration[];
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDatabase> {
  const db = options.databaseUrl
    ? await PostgresDatabase.open(options.databaseUrl)
    : await PgliteDatabase.open(options.dataDir ? join(options.dataDir, 'sql') : undefined);
  try {
    await migrate(db, options.migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
