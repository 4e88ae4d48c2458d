import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrate, openDatabase, PgliteDatabase, type Migration } from '@hourglass/platform-sql';

const ROOT = resolve(__dirname, '../../../..');

/**
 * A fresh PGlite runs initdb (seconds in WebAssembly) and then every migration (seconds more); a
 * test file that opens a few databases spent most of its time there. The harness migrates once per
 * schema and machine, keeps the result in os.tmpdir() under a key of the PGlite version and every
 * migration's text, and opens each test database from that copy: a changed migration is a new key,
 * so a stale schema can never be served. Writes go to a temporary name and are renamed into place,
 * so two Jest workers building the same key at once both end with a whole copy.
 */
export function schemaKey(migrations: readonly Migration[]): string {
  const pglite = JSON.parse(
    readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  const hash = createHash('sha256').update(`pglite ${pglite.version}\n`);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    hash.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  }
  return hash.digest('hex').slice(0, 20);
}

const dumps = new Map<string, Promise<Blob>>();

/** A PGlite dump of a database migrated to `migrations` (built on first use, then from disk). */
export function migratedDump(migrations: readonly Migration[]): Promise<Blob> {
  const key = schemaKey(migrations);
  let dump = dumps.get(key);
  if (!dump) {
    dump = loadOrBuildDump(join(tmpdir(), `hourglass-pglite-${key}.tar`), migrations);
    dumps.set(key, dump);
    dump.catch(() => dumps.delete(key));
  }
  return dump;
}

async function loadOrBuildDump(file: string, migrations: readonly Migration[]): Promise<Blob> {
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await PgliteDatabase.openInMemory();
  try {
    await migrate(db, migrations);
    const dump = await db.dump();
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  } finally {
    await db.close();
  }
}

/**
 * Fills `dataDir` (a platform's `HG_DATA_DIR`, still empty) with the embedded database migrated to
 * `migrations`, copied from a template data directory built once per schema: the platform process
 * then finds every version recorded and starts without initdb or migrations.
 */
export async function seedMigratedDataDir(
  dataDir: string,
  migrations: readonly Migration[],
): Promise<void> {
  const template = join(tmpdir(), `hourglass-pglite-${schemaKey(migrations)}.datadir`);
  if (!existsSync(template)) {
    const partial = `${template}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    const db = await openDatabase({ dataDir: partial, migrations });
    await db.close();
    try {
      renameSync(partial, template);
    } catch (error) {
      // Another worker renamed its copy into place first: use that one.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(template)) throw error;
    }
  }
  cpSync(join(template, 'sql'), join(dataDir, 'sql'), { recursive: true });
}
