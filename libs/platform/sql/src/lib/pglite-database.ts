import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlDatabase, SqlExecutor, SqlValue } from './sql-database';

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) in a data directory; no server needed.
 * PGlite runs one statement at a time, so transactions are serialised by the engine itself.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly kind = 'pglite' as const;

  private constructor(private readonly db: PGlite) {}

  /** Opens (creating when missing) the database in `dataDir`, or in memory when undefined. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const db = new PGlite(dataDir);
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  /** Opens a database in memory: empty, or the cluster of a PGlite dump (`dumpDataDir`). */
  static async openInMemory(loadDataDir?: Blob): Promise<PgliteDatabase> {
    const db = new PGlite(loadDataDir ? { loadDataDir } : undefined);
    await db.waitReady;
    return new PgliteDatabase(db);
  }

  /** The whole cluster as an uncompressed tarball, for {@link openInMemory}. */
  async dump(): Promise<Blob> {
    return this.db.dumpDataDir('none');
  }

  async query<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.db.query<T>(text, params as unknown[]);
    return result.rows;
  }

  async exec(script: string): Promise<void> {
    await this.db.exec(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx: Transaction) =>
      work({
        query: async <R>(text: string, params: readonly SqlValue[] = []) =>
          (await tx.query<R>(text, params as unknown[])).rows,
        exec: async (script: string) => {
          await tx.exec(script);
        },
      }),
    );
  }

  async ping(): Promise<boolean> {
    await this.db.query('select 1');
    return true;
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
