#!/usr/bin/env node
'use strict';
// `npm run build`: compiles the TypeScript of the processes (apps, libs, simulators) to CommonJS in
// dist/, in the same layout as the sources, so that the image runs `node dist/apps/<app>/src/main.js`
// with no compiler loaded at start (tools/run.js compiles each file as it is required). Tests and
// fixtures are left out. dist/ mirrors the repository root, so code that finds files relative to its
// own folder finds them there too: the demo fleet's data and the console's Vite build are copied in.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');
const { root, aliases, swcOptions } = require('./paths');

const OUT = path.join(root, 'dist');
const SOURCE_DIRS = ['apps', 'libs', 'simulators'];
const SKIPPED_APPS = new Set(['console', 'platform-e2e']);
const SKIPPED_FILE = /\.(spec|integration-spec|e2e-spec|fixture|harness)\.ts$|\.d\.ts$/;
/** Files read at run time next to the code: the demo fleet's C-MAPSS trajectories, the built console. */
const ASSET_DIRS = ['simulators/cmapss/data', 'apps/console/dist'];

/** @returns {string[]} every .ts file to compile, relative to the repository root */
function sources(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === 'apps' && SKIPPED_APPS.has(entry.name)) return [];
      if (entry.name === 'node_modules' || entry.name.startsWith('__')) return [];
      return sources(rel);
    }
    return entry.name.endsWith('.ts') && !SKIPPED_FILE.test(entry.name) ? [rel] : [];
  });
}

/** Rewrites `require("@hourglass/x")` to the relative path of the lib's compiled entry point. */
function rewriteAliases(code, fileRel, table) {
  return code.replace(/require\((["'])(@hourglass\/[a-z0-9-]+)\1\)/g, (whole, quote, alias) => {
    const target = table[alias];
    if (!target) throw new Error(`${fileRel}: unknown alias ${alias}`);
    const from = path.dirname(path.join(root, fileRel));
    let rel = path.relative(from, target.replace(/\.ts$/, '')).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `require(${quote}${rel}${quote})`;
  });
}

/** Nest's decorators read `Reflect.metadata`: every process entry point loads it first. */
const isEntryPoint = (rel) => /^apps\/[^/]+\/src\/main\.ts$/.test(rel.split(path.sep).join('/'));

function compile(rel, table) {
  const file = path.join(root, rel);
  const { code, map } = transformFileSync(file, {
    ...swcOptions,
    filename: file,
    sourceMaps: true,
    sourceFileName: path.relative(path.join(OUT, path.dirname(rel)), file),
  });
  const outFile = path.join(OUT, rel.replace(/\.ts$/, '.js'));
  const prelude = isEntryPoint(rel) ? "require('reflect-metadata');" : '';
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  // After the "use strict" directive and on its line, so that the source map's lines still match.
  const js = rewriteAliases(code, rel, table).replace(
    /^("use strict";)?/,
    (head) => head + prelude,
  );
  const body = `${js}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`;
  fs.writeFileSync(outFile, body);
  if (map) fs.writeFileSync(`${outFile}.map`, map);
}

function build() {
  const started = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  // The console (React + Vite), built when missing or stale, as `npm start` does.
  const consoleBuild = spawnSync(
    process.execPath,
    ['tools/run.js', 'apps/platform/src/console-build.ts', '--if-stale'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (consoleBuild.status !== 0) throw new Error('the console build failed');
  const table = aliases();
  const files = SOURCE_DIRS.flatMap(sources);
  for (const rel of files) compile(rel, table);
  for (const dir of ASSET_DIRS)
    fs.cpSync(path.join(root, dir), path.join(OUT, dir), { recursive: true });
  console.log(
    `build: ${files.length} files compiled to ${path.relative(process.cwd(), OUT) || '.'} in ${Date.now() - started} ms`,
  );
}

if (require.main === module) {
  try {
    build();
  } catch (error) {
    console.error(`build failed: ${error.message}`);
    process.exit(1);
  }
}

module.exports = { build, OUT };
