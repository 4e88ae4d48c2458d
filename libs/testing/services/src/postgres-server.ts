import { randomBytes } from 'node:crypto';
import { mkdirSync, chownSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';
import { ensureDebianPackage } from './debian-package-installer';
import { freePort } from './free-port';
import {
  createCluster,
  PG_ADMIN_PASSWORD,
  PG_ADMIN_USER,
  PG_BIN,
} from './postgres-cluster-template';
import { startWithPortRetry } from './server-start';

/** Options of {@link startPostgres}; names must be plain lower-case SQL identifiers. */
export interface PostgresOptions {
  /** Database created for the tests (default "hourglass"). */
  database?: string;
  /** Login role owning that database, with CREATEDB (default "hourglass"). */
  user?: string;
  /** Its password (default: random per server). */
  password?: string;
}

/** A running PostgreSQL 15 started by {@link startPostgres}. */
export interface PostgresServer {
  /** `postgres://user:password@127.0.0.1:port/database` */
  url: string;
  /** Same server as the superuser `postgres`, database `postgres`. */
  adminUrl: string;
  host: '127.0.0.1';
  port: number;
  database: string;
  user: string;
  password: string;
  /** Temporary directory holding data/, the socket directory and postgres.log. */
  dir: string;
  /** Fast shutdown (SIGINT), SIGKILL after 10 s, then removes the directory. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's PostgreSQL 15 as the `postgres` OS user on 127.0.0.1 and a free port, with its
 * unix socket in the temporary directory and durability off (fsync, synchronous_commit and
 * full_page_writes off: a crash loses data, which tests do not care about). Creates a login role
 * with a password and a database it owns; resolves once that role can connect.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const database = identifier(options.database ?? 'hourglass', 'database');
  const user = identifier(options.user ?? 'hourglass', 'user');
  const password = options.password ?? randomBytes(12).toString('hex');
  await ensureDebianPackage('postgres', join(PG_BIN, 'postgres'), 'postgresql');
  return startWithPortRetry('postgres', async (dir, attempt) => {
    if (attempt === 1) await prepareDirectory(dir);
    const port = await freePort();
    const admin: ClientConfig = {
      host: '127.0.0.1',
      port,
      user: PG_ADMIN_USER,
      password: PG_ADMIN_PASSWORD,
      database: 'postgres',
    };
    const url = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    return {
      spawn: {
        name: 'postgres',
        command: join(PG_BIN, 'postgres'),
        args: postgresArgs(dir, port),
        logFile: join(dir, 'postgres.log'),
        runAs: 'postgres',
        // SIGTERM is a "smart" shutdown that waits for every client (a pool left open would hang it).
        stopSignal: 'SIGINT',
      },
      ready: () => withClient(admin, async () => true),
      setup: () =>
        withClient(admin, async (client) => {
          await client.query(
            `CREATE ROLE "${user}" LOGIN CREATEDB PASSWORD '${password.replace(/'/g, "''")}'`,
          );
          await client.query(`CREATE DATABASE "${database}" OWNER "${user}"`);
        }),
      server: (stop) => ({
        url,
        adminUrl: `postgres://${PG_ADMIN_USER}:${PG_ADMIN_PASSWORD}@127.0.0.1:${port}/postgres`,
        host: '127.0.0.1' as const,
        ...{ port, database, user, password, dir, stop },
      }),
    };
  });
}

async function prepareDirectory(dir: string): Promise<void> {
  await createCluster(dir);
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets, { mode: 0o700 });
  const { uid, gid } = statSync(join(dir, 'data'));
  chownSync(sockets, uid, gid);
}

function postgresArgs(dir: string, port: number): string[] {
  const settings = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: join(dir, 'sockets'),
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '100',
    shared_buffers: '32MB',
    // Segments as files in data/pg_dynshmem, removed with the directory even after a SIGKILL.
    dynamic_shared_memory_type: 'mmap',
    log_min_messages: 'warning',
    log_line_prefix: '%m [%p] ',
  };
  return [
    '-D',
    join(dir, 'data'),
    ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ];
}

async function withClient<T>(
  config: ClientConfig,
  body: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ ...config, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined); // a server shutting down must not crash the test process
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function identifier(name: string, what: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`startPostgres: ${what} "${name}" is not a plain identifier`);
  return name;
}
