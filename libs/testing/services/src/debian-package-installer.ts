import { existsSync, statSync } from 'node:fs';
import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTail, runToCompletion } from './process-supervisor';
import { ServiceStartError } from './service-start.error';
import { isAlive } from './temp-dir';
import { waitFor } from './wait-for';

const LOCK_FILE = join(tmpdir(), 'hourglass-apt.lock');
/** Touched after a successful `apt-get update`, so the machine runs it once, not per worker. */
const UPDATED_STAMP = join(tmpdir(), 'hourglass-apt-updated');
const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const INSTALL_TIMEOUT_MS = 20 * 60_000;
/** apt itself waits this long for the dpkg lock held by another apt (e.g. a provisioning script). */
const DPKG_LOCK_WAIT_S = 900;

/**
 * Makes sure `binary` exists, installing the Debian package `pkg` when it does not:
 * `apt-get update` (once per machine, remembered in os.tmpdir()) then
 * `DEBIAN_FRONTEND=noninteractive apt-get install -y <pkg>`. A lock file in os.tmpdir() keeps
 * two Jest workers from running apt at once; apt is told to wait for a dpkg lock held by
 * someone else instead of failing. Needs root (CI runs as root).
 */
export async function ensureDebianPackage(
  service: string,
  binary: string,
  pkg: string,
): Promise<void> {
  if (existsSync(binary)) return;
  if (process.getuid?.() !== 0) {
    throw new ServiceStartError(
      service,
      'PACKAGE_INSTALL_FAILED',
      `${binary} is missing: install the Debian package ${pkg} (needs root)`,
    );
  }
  await withAptLock(service, async () => {
    if (existsSync(binary)) return; // another worker installed it while we waited
    const logFile = join(tmpdir(), `hourglass-apt-${pkg}.log`);
    const fresh = !existsSync(UPDATED_STAMP);
    if (fresh) await update(service, logFile);
    await apt(service, logFile, ['install', '-y', pkg]).catch(async (error: unknown) => {
      if (fresh) throw error;
      // The package lists of an earlier run may be stale (404 on a superseded version): refresh once.
      await update(service, logFile);
      await apt(service, logFile, ['install', '-y', pkg]);
    });
    if (!existsSync(binary)) {
      throw new ServiceStartError(
        service,
        'PACKAGE_INSTALL_FAILED',
        `${pkg} is installed but ${binary} is missing`,
      );
    }
  });
}

async function update(service: string, logFile: string): Promise<void> {
  await apt(service, logFile, ['update']);
  await writeFile(UPDATED_STAMP, new Date().toISOString());
}

async function withAptLock(service: string, body: () => Promise<void>): Promise<void> {
  await waitFor(tryLock, {
    timeoutMs: INSTALL_TIMEOUT_MS,
    intervalMs: 250,
    what: `the harness apt lock ${LOCK_FILE}`,
  }).catch((cause: unknown) => {
    throw new ServiceStartError(
      service,
      'PACKAGE_INSTALL_FAILED',
      'another process holds the apt lock',
      { cause },
    );
  });
  try {
    await body();
  } finally {
    await unlink(LOCK_FILE).catch(() => undefined);
  }
}

/** Creates the lock file exclusively; a lock whose owner died is taken over. */
async function tryLock(): Promise<boolean> {
  try {
    const handle = await open(LOCK_FILE, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number.parseInt(await readFile(LOCK_FILE, 'utf8').catch(() => ''), 10);
  const ageMs = Date.now() - (statSafe(LOCK_FILE) ?? Date.now());
  if ((Number.isInteger(owner) && !isAlive(owner)) || (!Number.isInteger(owner) && ageMs > 5_000)) {
    await unlink(LOCK_FILE).catch(() => undefined);
  }
  return false;
}

function statSafe(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Runs apt-get with its output appended to `logFile`; retries while another apt holds a lock. */
async function apt(service: string, logFile: string, args: string[]): Promise<void> {
  const fullArgs = ['-o', `DPkg::Lock::Timeout=${DPKG_LOCK_WAIT_S}`, ...args];
  let status: number | null = null;
  await waitFor(
    async () => {
      status = await runToCompletion('apt-get', fullArgs, { logFile, env: APT_ENV });
      return (
        status === 0 ||
        !/Could not get lock|Unable to lock|Unable to acquire/i.test(readTail(logFile, 5))
      );
    },
    { timeoutMs: INSTALL_TIMEOUT_MS, intervalMs: 2_000, what: `apt-get ${args.join(' ')}` },
  );
  if (status !== 0) {
    throw new ServiceStartError(
      service,
      'PACKAGE_INSTALL_FAILED',
      `apt-get ${args.join(' ')} exited with ${status}`,
      {
        logFile,
        logTail: readTail(logFile, 20),
      },
    );
  }
}
