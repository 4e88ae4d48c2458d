#!/usr/bin/env node
'use strict';
// `npm test`: the static checks (type check, lint, format check) beside the unit tier (none of
// them times anything, and the unit tier's one Jest worker leaves the second core idle), then the
// integration and end-to-end tiers, which start real servers (installing Debian packages when
// missing) and run one file at a time, alone on the machine.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const reportDir = path.join(__dirname, '..', 'tmp', 'test-reports');
fs.rmSync(reportDir, { recursive: true, force: true });
fs.mkdirSync(reportDir, { recursive: true });
/** Jest writes a JSON summary per tier, added up into the closing line. */
const report = (tier) => ['--json', `--outputFile=${path.join(reportDir, `${tier}.json`)}`];

function totals() {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  for (const file of fs.readdirSync(reportDir)) {
    const r = JSON.parse(fs.readFileSync(path.join(reportDir, file), 'utf8'));
    sum.passed += r.numPassedTests;
    sum.failed += r.numFailedTests;
    sum.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
  return sum;
}

const steps = [
  ['type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  // The console is TSX against the DOM: its own compiler settings (apps/console/tsconfig.json).
  ['type check: console', 'npx', ['tsc', '-p', 'apps/console/tsconfig.json', '--noEmit']],
  // The module-boundary rule reads Nx's project graph; on a fresh clone it must be computed first,
  // or the rule is silently skipped.
  ['lint: project graph', 'npx', ['nx', 'show', 'projects']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  // printWidth 100 and the rest of .prettierrc, on every file Prettier formats (see .prettierignore).
  ['format check', 'npx', ['prettier', '--check', '.']],
  ['unit tests', 'npx', ['jest', '--selectProjects', 'unit', '--ci', ...report('unit')]],
  [
    'integration tests',
    'npx',
    [
      'jest',
      '--selectProjects',
      'integration',
      '--ci',
      '--runInBand',
      '--testTimeout=120000',
      ...report('integration'),
    ],
  ],
  [
    'end-to-end tests',
    'npx',
    [
      'jest',
      '--selectProjects',
      'e2e',
      '--ci',
      '--runInBand',
      '--testTimeout=600000',
      ...report('e2e'),
    ],
  ],
];

// PGlite loads its WebAssembly through a dynamic import, which Jest's CommonJS runtime allows only
// with VM modules enabled.
const nodeOptions = [
  process.env.NODE_OPTIONS,
  '--experimental-vm-modules',
  '--no-warnings=ExperimentalWarning',
]
  .filter(Boolean)
  .join(' ');

const only = process.argv.slice(2);
const wanted = ([name]) => !only.length || only.some((o) => name.startsWith(o));
const env = { ...process.env, NX_DAEMON: 'false', NODE_OPTIONS: nodeOptions };
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

function fail(status) {
  const t = totals();
  console.log(`tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  process.exit(status ?? 1);
}

/** Runs a chain of steps one after the other, its output kept and printed when the chain ends. */
function chain(list) {
  return new Promise((resolve) => {
    let out = '';
    const next = (i) => {
      if (i === list.length) return resolve({ ok: true, out });
      const [name, cmd, args] = list[i];
      const t0 = Date.now();
      out += `\n=== ${name} ===\n`;
      const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (status) => {
        out += `=== ${name}: ${status === 0 ? 'ok' : 'FAILED'} in ${seconds(t0)} s ===\n`;
        if (status !== 0) resolve({ ok: false, status, out });
        else next(i + 1);
      });
    };
    next(0);
  });
}

/**
 * Two chains side by side, one per core: the static checks one after the other, and the unit tier
 * (one Jest worker). None of them times anything.
 */
const SIDE_BY_SIDE = [
  ['type check', 'type check: console', 'lint: project graph', 'lint', 'format check'],
  ['unit tests'],
];

async function main() {
  const started = Date.now();
  const all = steps.filter(wanted);
  const byName = new Map(all.map((st) => [st[0], st]));
  const chains = SIDE_BY_SIDE.map((names) =>
    names.map((n) => byName.get(n)).filter(Boolean),
  ).filter((c) => c.length > 0);
  const inChains = new Set(chains.flat());
  const results = await Promise.all(chains.map(chain));
  for (const r of results) process.stdout.write(r.out);
  const failed = results.find((r) => !r.ok);
  if (failed) fail(failed.status);
  for (const [name, cmd, args] of all.filter((st) => !inChains.has(st))) {
    const t0 = Date.now();
    console.log(`\n=== ${name} ===`);
    const result = spawnSync(cmd, args, { stdio: 'inherit', env });
    console.log(`=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds(t0)} s ===`);
    if (result.status !== 0) fail(result.status);
  }
  const t = totals();
  console.log(`\nall steps passed in ${seconds(started)} s`);
  console.log(`tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
}

main();
