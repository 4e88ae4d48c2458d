import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readLibs, tableOwners } from './table-ownership';
import { RUNTIME_TABLES } from './table-ownership.rules';

const root = resolve(__dirname, '../..');
const doc = readFileSync(resolve(root, 'docs/architecture.md'), 'utf8');

/** The rows of the markdown table that follows `heading`, as arrays of cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no section ${heading}`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/`/g, '');

describe('docs/architecture.md', () => {
  it('lists every table under the lib that owns it, as the migrations say', () => {
    const documented = new Map<string, string>();
    for (const [owner, tables] of tableAfter(doc, '## Tables and their owners')) {
      for (const table of tables.split(',').map((t) => t.trim()))
        documented.set(table, unquote(owner));
    }
    const owners = tableOwners(readLibs(root), RUNTIME_TABLES);
    expect(Object.fromEntries([...documented].sort())).toEqual(
      Object.fromEntries([...owners].sort()),
    );
  });

  it('names the apps that exist, and every app that exists', () => {
    const rows = tableAfter(doc, '## Processes and the jobs they run').map(([app]) => unquote(app));
    for (const app of rows) expect(existsSync(resolve(root, app, 'src/main.ts'))).toBe(true);
    // Every app with a Node entry point is a process (the console and the e2e projects have none).
    const processes = readdirSync(resolve(root, 'apps'))
      .filter((a) => existsSync(resolve(root, 'apps', a, 'src/main.ts')))
      .map((a) => `apps/${a}`);
    expect(rows.sort()).toEqual(processes.sort());
  });

  it('names check files that exist', () => {
    for (const [, where] of tableAfter(doc, '## Checks that keep this true')) {
      for (const path of where.match(/`[^`]+\.(ts|mjs)`/g) ?? []) {
        expect(existsSync(resolve(root, unquote(path)))).toBe(true);
      }
    }
  });
});
