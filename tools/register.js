'use strict';
// Runs the TypeScript sources directly: compiles each .ts file with SWC when it is required and
// resolves the @hourglass/* aliases of tsconfig.base.json. Used by `npm start`, the CLIs and the
// benchmarks, so there is no separate build step to forget.
const Module = require('node:module');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const { aliases, swcOptions } = require('./paths');

const table = aliases();
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, isMain, options) {
  const target = table[request];
  return originalResolve.call(this, target || request, parent, isMain, options);
};

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcOptions, filename });
  module._compile(code, filename);
};

process.setSourceMapsEnabled(true);
require('reflect-metadata');
