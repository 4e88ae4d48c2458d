import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// The scoring process imports only the inference entry points; training, evaluation charts and
// the command lines must stay out of its memory (and its start-up time).
const ROOT = path.resolve(__dirname, '../../../../..');

const FORBIDDEN: ReadonlyArray<[string, RegExp]> = [
  ['echarts', /[\\/]node_modules[\\/](echarts|zrender)[\\/]/],
  ['the risk-training lib', /[\\/]libs[\\/]risk[\\/]training[\\/]/],
  ['the trainer', /[\\/](mlp-trainer|mlp-network|train-model|training-data)\.ts$/],
  ['cross-validation', /[\\/]cross-validation\.ts$/],
  ['evaluation', /[\\/]evaluation[\\/][^\\/]+\.ts$/],
];

/** Requires `entries` in a fresh Node process (as `node tools/run.js` does) and lists its modules. */
function modulesLoadedBy(entries: readonly string[]): string[] {
  const script = [
    "require('./tools/register.js');",
    ...entries.map((e) => `require(${JSON.stringify(e)});`),
    "process.stdout.write(JSON.stringify(Object.keys(require('node:module')._cache)));",
  ].join('\n');
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`child failed (${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout) as string[];
}

describe('inference entry points', () => {
  it('load neither echarts nor training, evaluation or cross-validation code', () => {
    const loaded = modulesLoadedBy(['@hourglass/risk-model', '@hourglass/risk-scoring']);

    expect(
      loaded.some((file) => file.endsWith(path.join('risk', 'model', 'src', 'index.ts'))),
    ).toBe(true);
    expect(
      loaded.some((file) => file.endsWith(path.join('risk', 'scoring', 'src', 'index.ts'))),
    ).toBe(true);
    const offending = FORBIDDEN.flatMap(([what, pattern]) =>
      loaded
        .filter((file) => pattern.test(file))
        .map((file) => `${what}: ${path.relative(ROOT, file)}`),
    );
    expect(offending).toEqual([]);
  }, 90_000);
});
