'use strict';
// One Jest configuration, three tiers selected by file name:
//   *.spec.ts             unit: beside the code, no I/O
//   *.integration-spec.ts integration: real InfluxDB, PostgreSQL, Redis, Mosquitto on loopback
//   *.e2e-spec.ts         end to end: the whole platform from a simulated device onwards
const { aliases, swcOptions } = require('./tools/paths');

const moduleNameMapper = {};
for (const [alias, target] of Object.entries(aliases())) {
  moduleNameMapper[`^${alias.replace(/[/.]/g, '\\$&')}$`] = target;
}

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcOptions, sourceMaps: 'inline', swcrc: false }],
    // aedes 1.x and temporal-polyfill 1.x ship ES modules only; Jest on Node 20 cannot require() them,
    // so compile to CommonJS.
    '/node_modules/(aedes|temporal-polyfill|temporal-utils)/.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(aedes|temporal-polyfill|temporal-utils)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/tmp/'],
  roots: [
    '<rootDir>/apps',
    '<rootDir>/bench',
    '<rootDir>/libs',
    '<rootDir>/simulators',
    '<rootDir>/tools',
    '<rootDir>/deploy',
  ],
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['**/*.integration-spec.ts'],
      slowTestThreshold: 30,
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['**/*.e2e-spec.ts'],
      slowTestThreshold: 120,
    },
  ],
};
