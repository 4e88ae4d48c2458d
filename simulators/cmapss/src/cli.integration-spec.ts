import { spawn } from 'node:child_process';
import { join } from 'node:path';

// `npm run simulate` as an operator runs it: its own process, output piped (not a terminal).
// Replaying against a broker, with its progress lines, is in replay.integration-spec.ts.
const ROOT = join(__dirname, '..', '..', '..');
const FLAGS = ['--file', '--prefix', '--speed', '--url', '--mqtt', '--token', '--help'];
const HINT = [
  'usage: npm run simulate -- cmapss --file PATH [options]',
  '(--help lists every flag with its default)',
  '',
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment as an operator's shell has it: without Jest's NODE_OPTIONS. */
function withoutJestOptions(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS'));
}

function simulate(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['tools/run.js', 'simulators/cmapss/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...withoutJestOptions(), HG_ADMIN_TOKEN: 'admin-token' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run simulate', () => {
  it.each([[['--help']], [['-h']], [['cmapss', '--help']]])(
    'answers %j on stdout with exit 0, listing every flag with its default',
    async (args) => {
      const help = await simulate(args);

      expect({ status: help.status, stderr: help.stderr }).toEqual({ status: 0, stderr: '' });
      expect(help.stdout).toMatch(/^usage: npm run simulate -- cmapss --file PATH/);
      for (const flag of FLAGS) expect(help.stdout).toContain(` ${flag} `);
      expect(help.stdout).toContain('(default 10)');
      expect(help.stdout).toContain('(default mqtt://127.0.0.1:1883)');
    },
    60_000,
  );

  it.each([
    [['--bogus'], /^simulate: unknown simulator "--bogus"; the only one is "cmapss"$/],
    [[], /^simulate: no simulator named; the only one is "cmapss"$/],
    [['cmapss', '--file', 'f.txt', '--bogus'], /^cmapss: Unknown option '--bogus'/],
    [
      ['cmapss', '--file', 'f.txt', '--speed'],
      /^cmapss: Option '--speed <value>' argument missing$/,
    ],
    [
      ['cmapss', '--file', 'f.txt', '--speed', 'fast'],
      /^cmapss: --speed must be a positive number, got "fast"$/,
    ],
  ])(
    'exits 2 on %j with a one-line error and the usage hint on stderr',
    async (args, error) => {
      const run = await simulate(args);
      const [first, ...rest] = run.stderr.split('\n');

      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(first).toMatch(error);
      expect(rest).toEqual(HINT);
    },
    60_000,
  );
});
