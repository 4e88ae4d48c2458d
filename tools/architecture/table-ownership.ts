/**
 * The table-ownership check: each table belongs to the lib whose migrations create it, and a lib's
 * shipped SQL names only its own tables (others go through the owner's exported API).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { looksLikeSql, tablesNamed } from './sql-table-names';

/** A .ts file of a lib, its path relative to the repository root. */
export interface LibFile {
  path: string;
  text: string;
}

/** A lib (`libs/<domain>/<name>`) with every .ts file under its `src`. */
export interface LibSources {
  dir: string;
  files: LibFile[];
}

/** A table named by SQL in a lib that does not own it. */
export interface Violation {
  file: string;
  line: number;
  table: string;
  owner: string;
}

// Files without any of these words hold no SQL; skipping them spares parsing most of the repository.
const MAY_HOLD_SQL = /\b(select|insert|update|delete|create|alter|truncate)\b/i;
const TEST_FILE = /\.(spec|integration-spec|e2e-spec|fixture|harness)\.ts$/;
const isMigration = (lib: LibSources, file: LibFile) =>
  file.path.startsWith(`${lib.dir}/src/migrations/`);

/**
 * Which lib owns each table: the `create table` statements of each lib's migrations, plus
 * `runtimeTables` (lib dir to tables it creates at run time, outside migrations).
 *
 * @throws Error when two libs create the same table.
 */
export function tableOwners(
  libs: readonly LibSources[],
  runtimeTables: Readonly<Record<string, readonly string[]>>,
): Map<string, string> {
  const owners = new Map<string, string>();
  const claim = (table: string, dir: string) => {
    const other = owners.get(table);
    if (other && other !== dir) throw new Error(`table ${table} is created by ${other} and ${dir}`);
    owners.set(table, dir);
  };
  for (const lib of libs) {
    for (const file of lib.files.filter((f) => isMigration(lib, f) && !TEST_FILE.test(f.path))) {
      for (const match of file.text.matchAll(
        /\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi,
      )) {
        claim(match[1].toLowerCase(), lib.dir);
      }
    }
  }
  for (const [dir, tables] of Object.entries(runtimeTables))
    tables.forEach((table) => claim(table, dir));
  return owners;
}

/** The string and template literals of a TypeScript file that hold SQL, with their line. */
export function sqlStrings(file: LibFile): { line: number; sql: string }[] {
  if (!MAY_HOLD_SQL.test(file.text)) return [];
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
  const found: { line: number; sql: string }[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) {
      text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ? ');
    }
    if (text !== undefined && looksLikeSql(text)) {
      found.push({
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        sql: text,
      });
    }
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((span) => ts.forEachChild(span.expression, visit));
  };
  visit(source);
  return found;
}

/** Every table named by a lib's shipped SQL (not tests, fixtures or its migrations) that another lib owns. */
export function findViolations(
  libs: readonly LibSources[],
  owners: ReadonlyMap<string, string>,
): Violation[] {
  const violations: Violation[] = [];
  for (const lib of libs) {
    for (const file of lib.files.filter((f) => !TEST_FILE.test(f.path) && !isMigration(lib, f))) {
      for (const { line, sql } of sqlStrings(file)) {
        for (const table of tablesNamed(sql)) {
          const owner = owners.get(table);
          // A name no migration creates is not a table (an alias, a column): nothing to own.
          if (owner && owner !== lib.dir) violations.push({ file: file.path, line, table, owner });
        }
      }
    }
  }
  return violations;
}

/** Reads every lib under `<root>/libs/<domain>/<name>/src`. */
export function readLibs(root: string): LibSources[] {
  const libs: LibSources[] = [];
  for (const domain of readdirSync(join(root, 'libs')).sort()) {
    for (const name of readdirSync(join(root, 'libs', domain)).sort()) {
      const src = join(root, 'libs', domain, name, 'src');
      if (!existsSync(src)) continue;
      const files = (readdirSync(src, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts'))
        .sort()
        .map((f) => ({
          path: relative(root, join(src, f)),
          text: readFileSync(join(src, f), 'utf8'),
        }));
      libs.push({ dir: `libs/${domain}/${name}`, files });
    }
  }
  return libs;
}
