import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliProcess } from './testing/run-cli-process';

// `npm run model:evaluate` as an operator runs it: its own process, output piped (not a terminal).
const CLI = 'libs/risk/training/src/cli/evaluate.ts';
const TRAIN_CLI = 'libs/risk/training/src/cli/train.ts';
const TRAIN_DATA = 'simulators/cmapss/src/__fixtures__/three-units.txt';
const OTHER_DATA = 'libs/datasets/cmapss/src/lib/__fixtures__/messy-whitespace.txt';
const FLAGS = ['--model', '--data', '--telemetry', '--labels', '--consecutive', '--min-lead'];
const MORE_FLAGS = ['--false-beyond', '--cycles-per-year', '--out', '--help'];
const HINT = [
  'usage: npm run model:evaluate -- --model DIR [--data PATH | --telemetry PATH --labels PATH] [options]',
  '(--help lists every flag with its default)',
  '',
];

describe('npm run model:evaluate', () => {
  it('answers --help on stdout with exit 0, listing every flag with its default', async () => {
    const help = await runCliProcess(CLI, ['--help']);

    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run model:evaluate -- /);
    for (const flag of [...FLAGS, ...MORE_FLAGS]) expect(help.stdout).toContain(` ${flag} `);
    expect(help.stdout).toContain('(default 1500)');
  }, 60_000);

  it.each([
    [['--model', 'm', '--bogus'], 'error: unknown option --bogus'],
    [['--data', 'x.txt'], 'error: --model PATH is required'],
    [['--model'], 'error: --model needs a value'],
    [['--model', 'm', '--min-lead', '-2'], 'error: --min-lead must be an integer >= 0, got "-2"'],
    [
      ['--model', 'm', '--false-beyond', '2H'],
      'error: --false-beyond must be an integer >= 1, got "2H"',
    ],
  ])(
    'exits 2 on %j with a one-line error and the usage hint on stderr',
    async (args, error) => {
      const run = await runCliProcess(CLI, args);

      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(run.stderr.split('\n')).toEqual([error, ...HINT]);
    },
    60_000,
  );

  it('prints progress lines in histories when its output is not a terminal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-evaluate-cli-'));
    const model = path.join(dir, 'model');
    const trained = await runCliProcess(TRAIN_CLI, [
      ...['--data', TRAIN_DATA, '--folds', '0', '--seeds', '1', '--epochs', '2', '--out', model],
    ]);
    expect(trained.status).toBe(0);

    const run = await runCliProcess(CLI, ['--model', model, '--data', OTHER_DATA]);

    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^model:evaluate: 2\/2 histories \(100%\), done in /m);
    expect(fs.existsSync(path.join(model, 'evaluation.json'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
