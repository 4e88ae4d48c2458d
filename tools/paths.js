'use strict';
// The path aliases of tsconfig.base.json are the one registry of lib entry points; Jest and
// the runtime loader both read them from here so they cannot disagree with the compiler.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** @returns {Record<string, string>} alias -> absolute path of the lib's src/index.ts */
function aliases() {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
  const out = {};
  for (const [alias, targets] of Object.entries(config.compilerOptions.paths || {})) {
    out[alias] = path.join(root, targets[0]);
  }
  return out;
}

/** SWC options shared by Jest and the runtime loader (Nest needs legacy decorators with metadata). */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = { root, aliases, swcOptions };
