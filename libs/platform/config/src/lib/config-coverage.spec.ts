import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PLATFORM_VARIABLES } from './platform-env.schema';

const ROOT = join(__dirname, '../../../../..');
// The shipped code, and the benches and tools beside it: an operator's HG_ setting means the same
// everywhere, so a bench or a tool reads it through the schema too, and its own knobs are flags.
const SCANNED_ROOTS = ['libs', 'apps', 'simulators', 'bench', 'tools'];
const SOURCE_FILE = /\.(ts|js|mjs|cjs)$/;
const CONFIG_LIB = join('libs', 'platform', 'config');
const TEST_FILE = /\.(spec|integration-spec|e2e-spec)\.ts$|\.fixture\.ts$/;
const ENV_READ = /process\.env(?:\[\s*['"`]HG_|\.HG_)/;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE_FILE.test(entry.name)) yield path;
  }
}

/** Source files outside the config lib that read an HG_ variable straight from process.env. */
export function envReadsOutsideConfig(root: string): string[] {
  const found: string[] = [];
  for (const top of SCANNED_ROOTS) {
    for (const file of sourceFiles(join(root, top))) {
      const path = relative(root, file);
      if (
        path.startsWith(CONFIG_LIB) ||
        TEST_FILE.test(path) ||
        path.includes(`${join('src', 'testing')}`)
      )
        continue;
      if (ENV_READ.test(readFileSync(file, 'utf8'))) found.push(path);
    }
  }
  return found;
}

/** The text of the README's "Configuration" section, up to the next level-2 heading. */
function readmeConfigurationSection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Configuration');
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
}

describe('configuration coverage', () => {
  it('reads HG_ variables only through the config schema', () => {
    expect(envReadsOutsideConfig(ROOT)).toEqual([]);
  });

  it('documents every schema variable in .env.example, with its value or commented out', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const missing = PLATFORM_VARIABLES.filter((v) => !new RegExp(`^#? ?${v}=`, 'm').test(example));
    expect(missing).toEqual([]);
  });

  it('lists every schema variable in the README configuration table', () => {
    const section = readmeConfigurationSection();
    expect(section.length).toBeGreaterThan(100);
    expect(PLATFORM_VARIABLES.filter((v) => !section.includes(`\`${v}\``))).toEqual([]);
  });
});
