import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The repository root (this file is libs/runtime/services/src/lib/). */
const REPO_ROOT = resolve(__dirname, '../../../../..');

/** Options of {@link ensureConsoleBuild}. */
export interface ConsoleBuildOptions {
  /** Repository root holding apps/console (default: this checkout). */
  rootDir?: string;
  /** Build even when the output is newer than every source (default false). */
  force?: boolean;
  log?: (line: string) => void;
}

/** A built console: where it is, whether this call built it, and its files with their sizes. */
export interface ConsoleBuild {
  dir: string;
  built: boolean;
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** Whether `apps/console/dist` is missing or older than the console's sources, its config or package.json. */
export function consoleBuildStale(rootDir = REPO_ROOT): boolean {
  const app = join(rootDir, 'apps/console');
  const built = join(app, 'dist/index.html');
  if (!existsSync(built)) return true;
  const inputs = [
    join(app, 'src'),
    join(app, 'index.html'),
    join(app, 'vite.config.mts'),
    join(rootDir, 'package.json'),
  ];
  const newest = Math.max(...inputs.filter((p) => existsSync(p)).map(newestMtime));
  return newest > statSync(built).mtimeMs;
}

function listFiles(dir: string, base = dir): ConsoleBuild['files'] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path, base);
    const bytes = readFileSync(path);
    return [{ file: relative(base, path), bytes: bytes.length, gzipBytes: gzipSync(bytes).length }];
  });
}

/**
 * Builds the console with Vite into `apps/console/dist` when the build is missing or stale (so
 * `npm start` after `npm ci` serves it with no extra step, and later starts reuse it).
 * Throws when the build fails.
 */
export function ensureConsoleBuild(options: ConsoleBuildOptions = {}): ConsoleBuild {
  const rootDir = options.rootDir ?? REPO_ROOT;
  const dir = join(rootDir, 'apps/console/dist');
  if (!options.force && !consoleBuildStale(rootDir))
    return { dir, built: false, files: listFiles(dir) };
  options.log?.('console: building apps/console with Vite');
  const vite = join(rootDir, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'],
    {
      cwd: rootDir,
      encoding: 'utf8',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', NODE_OPTIONS: '' },
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `console build failed (exit ${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error?.message}`,
    );
  }
  return { dir, built: true, files: listFiles(dir) };
}
