import type { SqlDatabase } from './sql-database';

/** One forward-only schema change, identical on PGlite and PostgreSQL, recorded once by version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The libs that own tables, in the order their parts of one version run: a lib's tables may
 * reference only tables of the libs before it (`assets` references `tenants`, billing references
 * `assets`). platform/sql names the owners but imports none of them.
 */
export const MIGRATION_OWNERS = [
  'platform-tenancy',
  'devices-registry',
  'telemetry-ingest',
  'risk-scoring',
  'maintenance-tasks',
  'maintenance-rules',
  'maintenance-plans',
  'billing-records',
  // Before api-http: a partner user (users.partner_id) references its service partner.
  'service-network',
  'api-http',
  // After maintenance-tasks: cases and suggestions reference the order.
  'service-cases',
  'notifications-webhooks',
  'notifications-device-commands',
  'success-customer',
] as const;

/** A lib that owns tables (its Nx project name). */
export type MigrationOwner = (typeof MIGRATION_OWNERS)[number];

/**
 * One lib's share of a schema version: the DDL of the tables that lib owns. A version may have
 * parts in several libs (version 1 creates the tables of every domain); they run together, in
 * {@link MIGRATION_OWNERS} order, in one transaction, and the version is recorded once.
 */
export interface MigrationPart extends Migration {
  owner: MigrationOwner;
}

/**
 * Joins the parts of every version into one {@link Migration} per version, ordered by version and,
 * within a version, by owner.
 *
 * @throws Error when two parts of one version disagree on its name or one owner has two parts of a version.
 */
export function composeMigrations(parts: readonly MigrationPart[]): Migration[] {
  const byVersion = new Map<number, MigrationPart[]>();
  for (const part of parts) {
    const rank = MIGRATION_OWNERS.indexOf(part.owner);
    if (rank < 0) throw new Error(`migration ${part.version}: unknown owner ${part.owner}`);
    const same = byVersion.get(part.version) ?? [];
    const clash = same.find((p) => p.owner === part.owner || p.name !== part.name);
    if (clash) {
      throw new Error(
        `migration ${part.version}: parts ${clash.owner}/${clash.name} and ${part.owner}/${part.name} clash`,
      );
    }
    byVersion.set(part.version, [...same, part]);
  }
  const rank = (p: MigrationPart) => MIGRATION_OWNERS.indexOf(p.owner);
  return [...byVersion.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, same]) => ({
      version,
      name: same[0].name,
      sql: [...same]
        .sort((a, b) => rank(a) - rank(b))
        .map((p) => p.sql)
        .join('\n'),
    }));
}

// Arbitrary constant: serialises migration runs of several processes on one PostgreSQL.
const MIGRATION_LOCK_KEY = 7_204_311;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction,
 * under an advisory lock so concurrent starters do not race. Returns the versions applied.
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[],
): Promise<number[]> {
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
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    return applied;
  });
}
