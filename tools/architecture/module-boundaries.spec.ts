import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface DepConstraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
}

const ROOT = resolve(__dirname, '../..');
// A real ES import of the config (SWC would turn `import()` into `require`, which cannot load .mjs).
const importEsm = new Function('url', 'return import(url)') as (
  url: string,
) => Promise<{ default: Array<{ rules?: Record<string, unknown> }> }>;

async function depConstraints(): Promise<DepConstraint[]> {
  const config = (await importEsm(pathToFileURL(join(ROOT, 'eslint.config.mjs')).href)).default;
  const rule = config.map((c) => c.rules?.['@nx/enforce-module-boundaries']).find(Boolean) as [
    string,
    { depConstraints: DepConstraint[] },
  ];
  return rule[1].depConstraints;
}

/** Tags of every Nx project (project.json files under apps, libs, simulators). */
function projectTags(): string[][] {
  const found: string[][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'project.json')
        found.push((JSON.parse(readFileSync(path, 'utf8')) as { tags?: string[] }).tags ?? []);
    }
  };
  for (const top of ['apps', 'libs', 'simulators']) walk(join(ROOT, top));
  return found;
}

/** Every tag a project with `tags` may import, directly or through what those imports may import. */
function reachable(constraints: DepConstraint[], tags: string[]): Set<string> {
  const allowedBy = (tag: string) =>
    constraints.find((c) => c.sourceTag === tag)?.onlyDependOnLibsWithTags ?? [];
  const seen = new Set<string>();
  const queue = [...tags];
  while (queue.length > 0) {
    for (const next of allowedBy(queue.shift()!)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('module boundaries (eslint.config.mjs)', () => {
  let constraints: DepConstraint[];

  beforeAll(async () => {
    constraints = await depConstraints();
  });

  const allowed = (tag: string) =>
    constraints.find((c) => c.sourceTag === tag)?.onlyDependOnLibsWithTags;

  it('lets scope:console import only the console, UI and contracts scopes', () => {
    expect(new Set(allowed('scope:console'))).toEqual(
      new Set(['scope:console', 'scope:ui', 'scope:contracts']),
    );
    expect(new Set(allowed('scope:ui'))).toEqual(new Set(['scope:ui', 'scope:contracts']));
    expect(new Set(allowed('type:ui'))).toEqual(new Set(['type:ui', 'type:contracts']));
  });

  it('reaches no data-access project from scope:console, directly or transitively', () => {
    const scopes = reachable(constraints, ['scope:console']);
    const dataAccess = projectTags().filter((tags) => tags.includes('type:data-access'));
    expect(dataAccess.length).toBeGreaterThan(0);
    for (const tags of dataAccess) {
      expect({ tags, reachable: tags.some((t) => scopes.has(t)) }).toEqual({
        tags,
        reachable: false,
      });
    }
    expect(reachable(constraints, ['type:ui']).has('type:data-access')).toBe(false);
  });

  it('lets contracts import only contracts, and every scope and layer import contracts', () => {
    expect(allowed('scope:contracts')).toEqual(['scope:contracts']);
    expect(allowed('type:contracts')).toEqual(['type:contracts']);
    for (const c of constraints) {
      const contractsTag = c.sourceTag.startsWith('type:') ? 'type:contracts' : 'scope:contracts';
      expect({
        tag: c.sourceTag,
        allowed: c.onlyDependOnLibsWithTags.includes(contractsTag),
      }).toEqual({ tag: c.sourceTag, allowed: true });
    }
  });

  it('tags the contracts libs scope:contracts and type:contracts', () => {
    const contractsProjects = projectTags().filter((tags) => tags.includes('scope:contracts'));
    expect(contractsProjects).toEqual([
      ['scope:contracts', 'type:contracts'],
      ['scope:contracts', 'type:contracts'],
    ]);
  });
});
