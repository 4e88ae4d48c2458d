import {
  accessSync,
  constants,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'hourglass-svc-';
const OWNER_FILE = '.owner-pid';
/** RAM-backed and usually large on CI machines; Docker's default 64 MB /dev/shm is too small. */
const SHM = '/dev/shm';
const SHM_MIN_FREE_BYTES = 2 * 1024 ** 3;
let swept = false;
/** Directories of this process not yet removed, for {@link removeTempDirsSync}. */
const owned = new Set<string>();
let root: string | undefined;

/**
 * Where the servers' directories go: `$HOURGLASS_TEST_TMPDIR` when set, else /dev/shm when it is
 * a writable tmpfs with at least 2 GiB free (a PostgreSQL cluster is copied there in ~50 ms
 * instead of ~1 s on a virtual disk; durability is off anyway), else os.tmpdir().
 */
export function harnessTmpRoot(): string {
  root ??= process.env['HOURGLASS_TEST_TMPDIR'] || (shmUsable() ? SHM : tmpdir());
  return root;
}

function shmUsable(): boolean {
  try {
    accessSync(SHM, constants.W_OK);
    const stats = statfsSync(SHM);
    return stats.bavail * stats.bsize >= SHM_MIN_FREE_BYTES;
  } catch {
    return false;
  }
}

/**
 * Creates a temporary directory for one server under {@link harnessTmpRoot}, named
 * `hourglass-svc-<service>-XXXXXX`, and records the owning process id in it. Directories left
 * behind by a test process that died without cleaning up are removed by the next call.
 */
export function createTempDir(service: string): string {
  if (!swept) {
    swept = true;
    sweepStaleTempDirs();
  }
  const dir = mkdtempSync(join(harnessTmpRoot(), `${PREFIX}${service}-`));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  owned.add(dir);
  return dir;
}

/** Removes a directory made by {@link createTempDir}; retries briefly while a dying server still writes. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  owned.delete(dir);
}

/** Removes every directory of this process at once; for an exit hook, after the servers were killed. */
export function removeTempDirsSync(): void {
  for (const dir of owned) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // The next createTempDir() of another process sweeps it.
    }
  }
  owned.clear();
}

/** Removes leftover harness directories whose owning process no longer exists. */
export function sweepStaleTempDirs(): void {
  for (const parent of new Set([harnessTmpRoot(), tmpdir()])) {
    for (const name of listHarnessDirs(parent)) sweepIfOrphaned(join(parent, name));
  }
}

function listHarnessDirs(parent: string): string[] {
  try {
    return readdirSync(parent).filter((name) => name.startsWith(PREFIX));
  } catch {
    return [];
  }
}

function sweepIfOrphaned(dir: string): void {
  const owner = readOwner(dir);
  if (owner === undefined || isAlive(owner)) return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Best effort: another sweeper may be removing it right now.
  }
}

function readOwner(dir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, OWNER_FILE), 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True when a process with this id exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
