import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { progress } from '../support/bench-contract';

/**
 * The Node-RED the reference runs: exact versions, installed from the npm registry on first use
 * into a cache folder of the bench, never into the product's dependencies. Node-RED 4.1 is the
 * newest line that runs on the Node 20 the platform uses (5.x needs Node 22.9).
 */
export const NODE_RED_PACKAGES = {
  'node-red': '4.1.8',
  'node-red-contrib-influxdb': '0.7.0',
} as const;

/** Where the Node-RED install lives and what it holds. */
export interface NodeRedInstall {
  /** npm prefix: `<dir>/node_modules/node-red`, `<dir>/node_modules/node-red-contrib-influxdb`. */
  dir: string;
  /** Node-RED's entry script (`red.js`). */
  redJs: string;
  /** Installed versions by package (read back from their package.json). */
  versions: Record<string, string>;
}

/**
 * `$XDG_CACHE_HOME/hourglass-bench` (`~/.cache/hourglass-bench` when unset, the XDG default), then a
 * folder named by the exact versions. A bench's cache is not a platform setting, so no HG_ variable.
 */
export function nodeRedCacheDir(): string {
  const cache = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  const root = join(cache, 'hourglass-bench');
  const tag = Object.entries(NODE_RED_PACKAGES)
    .map(([name, version]) => `${name}-${version}`)
    .join('+');
  return join(root, 'node-red', tag);
}

/** Installs the packages once (`npm install --prefix <cache> --save-exact ...`); later runs reuse them. */
export async function ensureNodeRed(): Promise<NodeRedInstall> {
  const dir = nodeRedCacheDir();
  if (!Object.keys(NODE_RED_PACKAGES).every((name) => installedVersion(dir, name))) {
    progress(`node-red: installing ${specs().join(' ')} into ${dir}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'hourglass-bench-node-red', private: true }, null, 2)}\n`,
    );
    await promisify(execFile)(
      'npm',
      ['install', '--prefix', dir, '--save-exact', '--no-audit', '--no-fund', ...specs()],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60_000 },
    );
  }
  const versions: Record<string, string> = {};
  for (const [name, wanted] of Object.entries(NODE_RED_PACKAGES)) {
    const version = installedVersion(dir, name);
    if (version !== wanted)
      throw new Error(`node-red: ${name} ${version ?? 'missing'} in ${dir}, wanted ${wanted}`);
    versions[name] = version;
  }
  return { dir, redJs: join(dir, 'node_modules', 'node-red', 'red.js'), versions };
}

function specs(): string[] {
  return Object.entries(NODE_RED_PACKAGES).map(([name, version]) => `${name}@${version}`);
}

function installedVersion(dir: string, name: string): string | null {
  const file = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
}
