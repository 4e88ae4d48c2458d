import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  composeMigrations,
  openDatabase,
  type Migration,
  type MigrationPart,
  type OpenDatabaseOptions,
  type SqlDatabase,
} from '@hourglass/platform-sql';
import { migratedDump, seedMigratedDataDir } from './pglite-snapshot';

const ROOT = resolve(__dirname, '../../../..');

/** A lib that ships migrations: its folder, Nx project name and `src/migrations/index.ts`. */
export interface MigrationLib {
  dir: string;
  project: string;
  index: string;
}

/** Every lib with a `src/migrations/index.ts` (libs/<domain>/<lib>). */
export function migrationLibs(root = ROOT): MigrationLib[] {
  const libs: MigrationLib[] = [];
  for (const domain of readdirSync(join(root, 'libs')).sort()) {
    const domainDir = join(root, 'libs', domain);
    for (const lib of readdirSync(domainDir).sort()) {
      const index = join(domainDir, lib, 'src/migrations/index.ts');
      if (!existsSync(index)) continue;
      const project = (
        JSON.parse(readFileSync(join(domainDir, lib, 'project.json'), 'utf8')) as { name: string }
      ).name;
      libs.push({ dir: `libs/${domain}/${lib}`, project, index });
    }
  }
  return libs;
}

const isPart = (value: unknown): value is MigrationPart =>
  typeof value === 'object' &&
  value !== null &&
  'version' in value &&
  'owner' in value &&
  'sql' in value;

let discovered: MigrationPart[] | undefined;

/**
 * Every lib's migration parts, found on disk. The test helpers compose the schema the way
 * runtime-services does, but load the parts by path: importing every domain from here would make
 * each domain's tests depend on themselves (an import circle between projects).
 */
export function discoverMigrationParts(): readonly MigrationPart[] {
  discovered ??= migrationLibs().flatMap((lib) => {
    const exported = Object.values(require(lib.index) as Record<string, unknown>);
    const parts = exported.flatMap((value) => (Array.isArray(value) ? value.filter(isPart) : []));
    const foreign = parts.find((part) => part.owner !== lib.project);
    if (foreign)
      throw new Error(`${lib.dir}: migration ${foreign.version} claims owner ${foreign.owner}`);
    return parts;
  });
  return discovered;
}

/** The whole platform schema, as `openRuntimeContext` migrates it. */
export const allMigrations = (): Migration[] => composeMigrations(discoverMigrationParts());

/** The migrations before `version`: the schema a migration's spec starts from. */
export const migrationsBefore = (version: number): Migration[] =>
  allMigrations().filter((m) => m.version < version);

/**
 * Opens a database (in memory unless told otherwise) migrated to the whole platform schema. In
 * memory, it starts from a dump migrated once per schema ({@link migratedDump}).
 */
export async function openTestDatabase(
  options: Partial<OpenDatabaseOptions> = {},
): Promise<SqlDatabase> {
  const migrations = options.migrations ?? allMigrations();
  if (options.databaseUrl || options.dataDir || options.loadDataDir) {
    return openDatabase({ ...options, migrations });
  }
  return openDatabase({ migrations, loadDataDir: await migratedDump(migrations) });
}

/**
 * A new temporary `HG_DATA_DIR` whose embedded database is already migrated to the whole platform
 * schema, for specs that start the platform on PGlite. The specs of what an operator's first start
 * does (compiled entrypoints, the connect-a-device guide, the end-to-end tests) keep an empty one.
 */
export async function migratedDataDir(prefix: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await seedMigratedDataDir(dir, allMigrations());
  return dir;
}
