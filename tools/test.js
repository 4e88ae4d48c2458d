#!/usr/bin/env node
'use strict';
// `npm test`: type check, lint, then the three Jest tiers. Integration and end-to-end tiers start
// real servers (installing Debian packages when missing), so they run one file at a time.
const { spawnSync } = require('node:child_process');
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
const started = Date.now();
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  const t0 = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NODE_OPTIONS: nodeOptions },
  });
  console.log(
    `=== ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`,
  );
  if (result.status !== 0) {
    const t = totals();
    console.log(`tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
    process.exit(result.status ?? 1);
  }
}
const t = totals();
console.log(`\nall steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`tests: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
