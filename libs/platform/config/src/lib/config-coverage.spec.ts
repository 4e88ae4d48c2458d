import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PLATFORM_VARIABLES } from './platform-env.schema';

const ROOT = join(__dirname, '../../../../..');
const SHIPPED_ROOTS = ['libs', 'apps', 'simulators'];
const CONFIG_LIB = join('libs', 'platform', 'config');
const TEST_FILE = /\.(spec|integration-spec|e2e-spec)\.ts$|\.fixture\.ts$/;
const ENV_READ = /process\.env(?:\[\s*['"`]HG_|\.HG_)/;

function* typeScriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** Shipped .ts files outside the config lib that read an HG_ variable straight from process.env. */
export function envReadsOutsideConfig(root: string): string[] {
  const found: string[] = [];
  for (const top of SHIPPED_ROOTS) {
    for (const file of typeScriptFiles(join(root, top))) {
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
