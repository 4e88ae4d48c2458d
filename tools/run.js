#!/usr/bin/env node
'use strict';
// Usage: node tools/run.js path/to/entry.ts [args...]
const path = require('node:path');
require('./register');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run.js <entry.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], entry, ...args];
require(path.resolve(entry));
