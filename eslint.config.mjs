import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// The wire format and the REST types (type:contracts) are shared by everyone and import nothing else.
const contractsLayer = ['type:contracts'];
const layers = {
  'type:app': [
    'type:feature',
    'type:data-access',
    'type:domain',
    'type:util',
    'type:ui',
    ...contractsLayer,
  ],
  'type:feature': [
    'type:feature',
    'type:data-access',
    'type:domain',
    'type:util',
    ...contractsLayer,
  ],
  'type:data-access': ['type:data-access', 'type:domain', 'type:util', ...contractsLayer],
  'type:domain': ['type:domain', 'type:util', ...contractsLayer],
  'type:util': ['type:util', ...contractsLayer],
  'type:testing': [
    'type:testing',
    'type:feature',
    'type:data-access',
    'type:domain',
    'type:util',
    ...contractsLayer,
  ],
  'type:contracts': contractsLayer,
  // UI components of the coming web console: they render contracts, they never fetch from storage.
  'type:ui': ['type:ui', ...contractsLayer],
};
const contracts = ['scope:contracts'];
const platform = ['scope:platform', ...contracts];
const scopes = {
  'scope:contracts': contracts,
  'scope:platform': platform,
  'scope:devices': ['scope:devices', ...platform],
  'scope:broker': ['scope:broker', 'scope:devices', ...platform],
  'scope:telemetry': ['scope:telemetry', ...platform],
  // The asset registry is a base domain: risk, maintenance and billing read assets through its API.
  'scope:risk': ['scope:risk', 'scope:devices', 'scope:telemetry', ...platform],
  'scope:maintenance': [
    'scope:maintenance',
    'scope:devices',
    'scope:risk',
    'scope:telemetry',
    ...platform,
  ],
  'scope:billing': ['scope:billing', 'scope:devices', 'scope:telemetry', ...platform],
  // The service network assigns maintenance's work orders to partners and reads the asset registry.
  'scope:service': ['scope:service', 'scope:devices', 'scope:maintenance', ...platform],
  // Webhooks and device commands: fed by the runtime's adapters, they know no other domain.
  'scope:notifications': ['scope:notifications', ...platform],
  // Customer success reads every other domain through ports the runtime adapts; it imports none of them.
  'scope:success': ['scope:success', ...platform],
  'scope:api': [
    'scope:api',
    'scope:notifications',
    'scope:devices',
    // The external broker's HTTP auth hooks apply the embedded broker's credential and topic rules.
    'scope:broker',
    'scope:telemetry',
    'scope:risk',
    'scope:maintenance',
    'scope:billing',
    'scope:service',
    'scope:success',
    ...platform,
  ],
  // The simulator is a device: it speaks MQTT and the public REST API, and shares only the wire
  // format and message schema, and the conventions every command follows (scope:cli).
  'scope:simulator': ['scope:simulator', 'scope:telemetry', 'scope:cli', ...contracts],
  // The web console talks to the platform through the REST API only: contracts and UI libs, never data access.
  'scope:ui': ['scope:ui', ...contracts],
  'scope:console': ['scope:console', 'scope:ui', ...contracts],
};
// Data set readers (C-MAPSS) depend on nothing; risk, the fleet export and the simulator read them.
scopes['scope:datasets'] = ['scope:datasets', ...contracts];
for (const scope of ['scope:risk', 'scope:maintenance', 'scope:simulator'])
  scopes[scope].push('scope:datasets');
// Neither contracts nor the console may take test helpers, which reach into data access.
const sealed = new Set([
  'type:contracts',
  'type:ui',
  'scope:contracts',
  'scope:ui',
  'scope:console',
]);
const everything = [
  ...new Set(Object.values(scopes).flat()),
  'scope:api',
  'scope:simulator',
  'scope:runtime',
];

const depConstraints = [
  // Test helpers may be imported by tests only (see the spec override below), never by shipped code.
  ...Object.entries(layers).map(([sourceTag, allowed]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: sealed.has(sourceTag) ? allowed : [...allowed, 'type:testing'],
  })),
  ...Object.entries(scopes).map(([sourceTag, allowed]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: sealed.has(sourceTag) ? allowed : [...allowed, 'scope:testing'],
  })),
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: [...everything, 'scope:testing'] },
  // Composition roots wire every domain together; only apps and tests use them.
  { sourceTag: 'scope:runtime', onlyDependOnLibsWithTags: [...everything, 'scope:testing'] },
  { sourceTag: 'scope:testing', onlyDependOnLibsWithTags: [...everything, 'scope:testing'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '.nx',
      'tmp',
      'models/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // In tests a failed assumption throws and fails the test, which is what `!` would hide elsewhere.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.fixture.ts',
      '**/*.harness.ts',
      'libs/testing/**',
      'bench/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@hourglass/testing-*'], message: 'test helpers are for tests only' },
          ],
        },
      ],
    },
  },
];
