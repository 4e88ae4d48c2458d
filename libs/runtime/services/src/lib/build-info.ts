import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildInfo } from '@hourglass/platform-metrics';

/** Written next to package.json by a build (the image has no `.git`): `{ "commit": "..." }`. */
export const BUILD_INFO_FILE = 'build-info.json';

/**
 * The version and commit of the running build, for `hg_build_info`: the version from the
 * repository's package.json, the commit from {@link BUILD_INFO_FILE} when a build wrote one, else from
 * `.git` (a checkout), else `unknown`. Found by walking up from `from`; never throws.
 */
export function readBuildInfo(from: string = __dirname): BuildInfo {
  const root = packageRoot(from);
  if (!root) return { version: 'unknown', commit: 'unknown' };
  const version = tryJson(join(root, 'package.json'))?.['version'];
  const written = tryJson(join(root, BUILD_INFO_FILE))?.['commit'];
  return {
    version: typeof version === 'string' ? version : 'unknown',
    commit: typeof written === 'string' ? written : (gitCommit(root) ?? 'unknown'),
  };
}

function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (tryJson(join(dir, 'package.json'))?.['name'] === 'hourglass') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** HEAD's commit, short, read from the files (no git binary needed). */
function gitCommit(root: string): string | undefined {
  const git = join(root, '.git');
  const head = tryText(join(git, 'HEAD'));
  if (!head) return undefined;
  if (!head.startsWith('ref: ')) return head.slice(0, 12);
  const ref = head.slice(5);
  const loose = tryText(join(git, ref));
  if (loose) return loose.slice(0, 12);
  const packed = tryText(join(git, 'packed-refs'))
    ?.split('\n')
    .find((line) => line.endsWith(` ${ref}`));
  return packed?.slice(0, 12);
}

function tryText(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
  } catch {
    return undefined; // a worktree's .git is a file, not a folder: no commit then
  }
}

function tryJson(path: string): Record<string, unknown> | undefined {
  const text = tryText(path);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
