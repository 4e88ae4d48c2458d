import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Folders whose TypeScript is checked, relative to the repository root. */
export const SCANNED_FOLDERS = ['apps', 'libs', 'simulators', 'bench'];

const TEST_FILE = /\.(spec|integration-spec|e2e-spec)\.ts$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'tmp', '.nx']);

/**
 * Module specifiers of one source file: static imports and re-exports (type-only ones too: a type
 * circle is still a circle between files), `require(...)` and `import(...)`.
 */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * Resolves a specifier of `from` to a file among `files`, the way the compiler and tools/register.js
 * do: relative paths (with `.ts` or `/index.ts` added) and the exact `@hourglass/*` aliases of
 * tsconfig.base.json. Anything else (packages, node built-ins) is outside the graph: undefined.
 */
export function resolveSpecifier(
  from: string,
  specifier: string,
  files: ReadonlySet<string>,
  aliases: Readonly<Record<string, string>>,
): string | undefined {
  if (aliases[specifier]) return aliases[specifier];
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((f) => files.has(f));
}

/** The file graph of `sources` (absolute path -> text): each file and the files it imports. */
export function importGraph(
  sources: ReadonlyMap<string, string>,
  aliases: Readonly<Record<string, string>>,
): Map<string, string[]> {
  const files = new Set(sources.keys());
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = importSpecifiers(text)
      .map((s) => resolveSpecifier(file, s, files, aliases))
      .filter((t): t is string => t !== undefined && files.has(t));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The `@hourglass/*` aliases of tsconfig.base.json, as absolute paths. */
export function readAliases(root: string): Record<string, string> {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths?: Record<string, string[]> };
  };
  return Object.fromEntries(
    Object.entries(config.compilerOptions.paths ?? {}).map(([alias, targets]) => [
      alias,
      path.join(root, targets[0]),
    ]),
  );
}

/** Every non-test `.ts` file under the scanned folders of `root`, with its text. */
export function readSources(root: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.d.ts') &&
        !TEST_FILE.test(entry.name)
      ) {
        sources.set(full, fs.readFileSync(full, 'utf8'));
      }
    }
  };
  for (const folder of SCANNED_FOLDERS) {
    if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
  }
  return sources;
}

/**
 * The Nx project a file belongs to: the nearest folder above it holding a project.json (its name
 * there), or undefined outside any project.
 */
export function projectResolver(root: string): (file: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  const projectOfFolder = (dir: string): string | undefined => {
    if (known.has(dir)) return known.get(dir);
    const manifest = path.join(dir, 'project.json');
    let name: string | undefined;
    if (fs.existsSync(manifest)) {
      name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string }).name;
    } else if (dir !== root && dir.startsWith(root)) {
      name = projectOfFolder(path.dirname(dir));
    }
    known.set(dir, name);
    return name;
  };
  return (file) => projectOfFolder(path.dirname(file));
}
