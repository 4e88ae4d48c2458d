import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import { readTail, runToCompletion } from './process-supervisor';
import { ServiceStartError } from './service-start.error';
import { harnessTmpRoot } from './temp-dir';

/** Directory of PostgreSQL 15's server binaries in Debian's postgresql-15 package. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';
/** Superuser of every harness cluster; reachable with this password over TCP. */
export const PG_ADMIN_USER = 'postgres';
export const PG_ADMIN_PASSWORD = 'hourglass-admin';
const PG_OS_USER = 'postgres';
/** Bump when the initdb options change, so an old template is not reused. */
const TEMPLATE = join(harnessTmpRoot(), 'hourglass-pg15-template-v1');

/**
 * Puts a freshly initialised cluster in `<dir>/data`, owned by the `postgres` OS user (initdb
 * refuses to run as root). initdb runs once per machine into a template beside the servers'
 * directories (see harnessTmpRoot); each server then gets a copy (`cp -a`, ~50 ms on tmpfs
 * against ~0.5-1 s for initdb).
 */
export async function createCluster(dir: string): Promise<void> {
  const { uid, gid } = await osUser(PG_OS_USER);
  chownSync(dir, uid, gid);
  if (!existsSync(TEMPLATE)) await buildTemplate(uid, gid);
  const logFile = join(dir, 'initdb.log');
  const status = await runToCompletion(
    '/bin/cp',
    ['-a', join(TEMPLATE, 'data'), join(dir, 'data')],
    { logFile },
  );
  if (status !== 0) throw setupError('copying the cluster template failed', logFile);
}

async function buildTemplate(uid: number, gid: number): Promise<void> {
  // Built beside its final name and renamed, so a concurrent worker never sees half a template.
  const staging = mkdtempSync(`${TEMPLATE}.staging-`);
  try {
    chownSync(staging, uid, gid);
    const pwfile = join(staging, 'pwfile');
    writeFileSync(pwfile, `${PG_ADMIN_PASSWORD}\n`, { mode: 0o600 });
    chownSync(pwfile, uid, gid);
    const logFile = join(staging, 'initdb.log');
    const status = await runToCompletion(
      join(PG_BIN, 'initdb'),
      [
        ...['-D', join(staging, 'data'), '-U', PG_ADMIN_USER, `--pwfile=${pwfile}`],
        ...[
          '--auth-local=trust',
          '--auth-host=scram-sha-256',
          '-E',
          'UTF8',
          '--locale=C',
          '--no-sync',
          '--no-instructions',
        ],
      ],
      { logFile, runAs: PG_OS_USER },
    );
    if (status !== 0) throw setupError(`initdb exited with ${status}`, logFile);
    rmSync(pwfile);
    try {
      renameSync(staging, TEMPLATE);
    } catch {
      // Another worker finished first; its template is as good as ours.
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function setupError(message: string, logFile: string): ServiceStartError {
  return new ServiceStartError('postgres', 'SETUP_FAILED', message, {
    logFile,
    logTail: readTail(logFile, 20),
  });
}

async function osUser(name: string): Promise<{ uid: number; gid: number }> {
  const id = (flag: string) =>
    new Promise<number>((resolve, reject) =>
      execFile('id', [flag, name], (error, stdout) =>
        error
          ? reject(new Error(`OS user "${name}" not found: ${error.message}`))
          : resolve(Number(stdout.trim())),
      ),
    );
  return { uid: await id('-u'), gid: await id('-g') };
}
