import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatCmapss, parseCmapss } from '@hourglass/risk-model';
import { ROOT, runCliProcess } from './testing/run-cli-process';

// `npm run cmapss:eval` as an operator runs it: its own process, output piped (not a terminal).
const CLI = 'libs/risk/training/src/cli/cmapss-eval.ts';
const FIXTURE = 'simulators/cmapss/src/__fixtures__/three-units.txt';
const FLAGS = ['--train', '--test', '--rul', '--seeds', '--cv-seeds', '--epochs', '--record'];
const HINT = [
  'usage: npm run cmapss:eval -- --train PATH --test PATH --rul PATH [options]',
  '(--help lists every flag with its default)',
  '',
];

/** Five-fold cross-validation needs five units: the fixture's three, then two of them again. */
function writeSplit(dir: string): string[] {
  const units = parseCmapss(fs.readFileSync(path.join(ROOT, FIXTURE), 'utf8'));
  const six = new Map([...units, ...[...units].map(([id, rows]) => [id + 3, rows] as const)]);
  const files = ['train', 'test', 'rul'].map((name) => path.join(dir, `${name}.txt`));
  fs.writeFileSync(files[0], formatCmapss(six));
  fs.writeFileSync(files[1], formatCmapss(units));
  fs.writeFileSync(files[2], [...units.keys()].map(() => '20').join('\n') + '\n');
  return files;
}

describe('npm run cmapss:eval', () => {
  it('answers --help on stdout with exit 0, listing every flag with its default', async () => {
    const help = await runCliProcess(CLI, ['--help']);

    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run cmapss:eval -- /);
    for (const flag of [...FLAGS, '--description', '--help'])
      expect(help.stdout).toContain(` ${flag} `);
    expect(help.stdout).toContain('(default 5)');
  }, 60_000);

  it.each([
    [['--train', 'a', '--test', 'b', '--rul', 'c', '--bogus'], 'error: unknown option --bogus'],
    [['--train', 'a', '--test', 'b'], 'error: --rul PATH is required'],
    [['--train', 'a', '--test', 'b', '--rul'], 'error: --rul needs a value'],
    [['--epochs', '1.5'], 'error: --epochs must be an integer >= 1, got "1.5"'],
  ])(
    'exits 2 on %j with a one-line error and the usage hint on stderr',
    async (args, error) => {
      const run = await runCliProcess(CLI, args);

      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(run.stderr.split('\n')).toEqual([error, ...HINT]);
    },
    60_000,
  );

  it('prints progress lines in epochs when its output is not a terminal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmapss-eval-cli-'));
    const [train, test, rul] = writeSplit(dir);
    const small = ['--seeds', '1', '--cv-seeds', '1', '--epochs', '2'];

    const run = await runCliProcess(CLI, [
      '--train',
      train,
      '--test',
      test,
      '--rul',
      rul,
      ...small,
    ]);

    expect(run.status).toBe(0);
    // 5 folds x 1 network x 2 epochs, then 1 member x 2 epochs.
    expect(run.stderr).toMatch(/^cmapss:eval: 1\/12 epochs \(8%\), /m);
    expect(run.stderr).toMatch(/^cmapss:eval: 12\/12 epochs \(100%\), done in /m);
    expect(JSON.parse(run.stdout.trim().split('\n').pop() ?? '')).toMatchObject({ engines: 3 });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
