import type { SqlDatabase } from './sql-database';

/** One forward-only schema change, identical on PGlite and PostgreSQL. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Arbitrary constant: serialises migration runs of several processes on one PostgreSQL.
const MIGRATION_LOCK_KEY = 7_204_311;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction,
 * under an advisory lock so concurrent starters do not race. Returns the versions applied.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[]): Promise<number[]> {
  await db.query(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`);
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const rows = await tx.query<{ version: number }>('select version from schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
