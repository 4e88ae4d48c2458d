import { Pool, types, type PoolClient } from 'pg';
import {
  SqlUnavailableError,
  type SqlDatabase,
  type SqlExecutor,
  type SqlValue,
} from './sql-database';

// Align with PGlite: bigint and count(*) come back as numbers (our counts stay far below 2^53).
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P03',
]);

function wrap(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code && CONNECTION_ERRORS.has(code)) {
    return new SqlUnavailableError(`PostgreSQL unavailable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
}

/** PostgreSQL through a `pg` connection pool. */
export class PostgresDatabase implements SqlDatabase {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: Pool) {}

  static async open(url: string, poolSize = 10): Promise<PostgresDatabase> {
    const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = new PostgresDatabase(pool);
    await db.ping();
    return db;
  }

  async query<T>(text: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      const result = await this.pool.query(text, params as unknown[]);
      return result.rows as T[];
    } catch (error) {
      throw wrap(error);
    }
  }

  async exec(script: string): Promise<void> {
    await this.query(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw wrap(error);
    }
    try {
      await client.query('begin');
      const result = await work({
        query: async <R>(text: string, params: readonly SqlValue[] = []) =>
          (await client.query(text, params as unknown[])).rows as R[],
        exec: async (script: string) => {
          await client.query(script);
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw wrap(error);
    } finally {
      client.release();
    }
  }

  async ping(): Promise<boolean> {
    await this.query('select 1');
    return true;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
