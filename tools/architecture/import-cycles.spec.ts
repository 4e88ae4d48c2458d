import * as path from 'node:path';
import { cyclePath, findCycles, groupGraph, type DependencyGraph } from './import-cycles.detector';
import {
  importGraph,
  importSpecifiers,
  projectResolver,
  readAliases,
  readSources,
} from './import-cycles.scanner';

const ROOT = path.resolve(__dirname, '../..');

function describeCycles(graph: DependencyGraph, name: (node: string) => string): string[] {
  return findCycles(graph).map(
    (members) =>
      `${cyclePath(graph, members).map(name).join(' -> ')} (all in the circle: ${members.map(name).join(', ')})`,
  );
}

describe('findCycles', () => {
  it('reports a planted cycle with the path through it', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
      ['e', ['e']],
    ]);

    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(cyclePath(graph, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'a']);
    expect(cyclePath(graph, ['e'])).toEqual(['e', 'e']);
  });

  it('reports nothing for an acyclic graph with shared dependencies', () => {
    const graph = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d']],
      ['d', []],
    ]);

    expect(findCycles(graph)).toEqual([]);
  });

  it('collapses files into groups and finds a cycle between groups', () => {
    const files = new Map([
      ['a/x', ['b/y']],
      ['b/y', ['b/z']],
      ['b/z', ['a/w']],
      ['a/w', []],
    ]);
    const groups = groupGraph(files, (file) => file.split('/')[0]);

    expect(findCycles(files)).toEqual([]);
    expect(findCycles(groups)).toEqual([['a', 'b']]);
  });
});

describe('importGraph', () => {
  const aliases = { '@hourglass/b': '/repo/libs/b/src/index.ts' };
  const sources = new Map([
    ['/repo/libs/a/src/index.ts', "export * from './lib/service';"],
    [
      '/repo/libs/a/src/lib/service.ts',
      "import type { Port } from './port';\nimport { thing } from '@hourglass/b';\nimport * as fs from 'node:fs';",
    ],
    ['/repo/libs/a/src/lib/port.ts', "import type { Service } from './service';"],
    ['/repo/libs/b/src/index.ts', "const a = require('../../a/src');"],
  ]);

  it('resolves relative imports, type-only ones, aliases and require, and skips packages', () => {
    const graph = importGraph(sources, aliases);

    expect(importSpecifiers(sources.get('/repo/libs/a/src/lib/service.ts')!)).toEqual([
      './port',
      '@hourglass/b',
      'node:fs',
    ]);
    expect(graph.get('/repo/libs/a/src/lib/service.ts')).toEqual([
      '/repo/libs/a/src/lib/port.ts',
      '/repo/libs/b/src/index.ts',
    ]);
    expect(graph.get('/repo/libs/b/src/index.ts')).toEqual(['/repo/libs/a/src/index.ts']);
  });

  it('finds the planted type-only circle and the circle through the alias', () => {
    const cycles = findCycles(importGraph(sources, aliases));

    expect(cycles).toEqual([
      [
        '/repo/libs/a/src/index.ts',
        '/repo/libs/a/src/lib/port.ts',
        '/repo/libs/a/src/lib/service.ts',
        '/repo/libs/b/src/index.ts',
      ],
    ]);
  });
});

describe('the repository', () => {
  const graph = importGraph(readSources(ROOT), readAliases(ROOT));

  it('scans the libs (sanity check of the scan itself)', () => {
    const scoring = path.join(ROOT, 'libs/risk/scoring/src/lib/asset-scoring.service.ts');

    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(scoring)).toContain(
      path.join(ROOT, 'libs/risk/scoring/src/lib/scoring-batch.preparer.ts'),
    );
  });

  it('has no import circle between files', () => {
    expect(describeCycles(graph, (file) => path.relative(ROOT, file))).toEqual([]);
  });

  it('has no import circle between libs', () => {
    const libs = groupGraph(graph, projectResolver(ROOT));

    expect(describeCycles(libs, (name) => name)).toEqual([]);
  });
});
