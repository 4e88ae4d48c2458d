import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliProcess } from './testing/run-cli-process';

// `npm run model:train` as an operator runs it: its own process, output piped (not a terminal).
const CLI = 'libs/risk/training/src/cli/train.ts';
const DATA = 'simulators/cmapss/src/__fixtures__/three-units.txt';
const FLAGS = ['--data', '--telemetry', '--labels', '--sensors', '--out', '--seeds', '--horizon'];
const MORE_FLAGS = ['--folds', '--cv-seeds', '--epochs', '--hold-out', '--help'];

describe('npm run model:train', () => {
  it('answers --help on stdout with exit 0, listing every flag with its default', async () => {
    const help = await runCliProcess(CLI, ['--help']);

    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run model:train -- /);
    for (const flag of [...FLAGS, ...MORE_FLAGS]) expect(help.stdout).toContain(` ${flag} `);
    expect(help.stdout).toContain('(default models/fd001-mlp-v2)');
    expect(help.stdout).toContain('(default 40)');
  }, 60_000);

  it.each([
    [['--bogus', '1'], 'error: unknown option --bogus'],
    [['--seeds'], 'error: --seeds needs a value'],
    [['--seeds', 'two'], 'error: --seeds must be an integer >= 1, got "two"'],
    [['--telemetry', 'x.jsonl'], 'error: --telemetry needs --labels PATH (failure events)'],
    [['--hold-out', '10,999'], 'error: --hold-out: no history "999" in the data'],
  ])(
    'exits 2 on %j with a one-line error and the usage hint on stderr',
    async (args, error) => {
      const run = await runCliProcess(CLI, args);

      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
      expect(run.stderr.split('\n')).toEqual([
        error,
        'usage: npm run model:train -- [--data PATH | --telemetry PATH --labels PATH] [options]',
        '(--help lists every flag with its default)',
        '',
      ]);
    },
    60_000,
  );

  it('prints progress lines in epochs when its output is not a terminal', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'model-train-cli-'));
    const args = ['--data', DATA, '--folds', '0', '--seeds', '2', '--epochs', '3', '--out', out];

    const run = await runCliProcess(CLI, args);

    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^model:train: 1\/6 epochs \(16%\), /m);
    expect(run.stderr).toMatch(/^model:train: 6\/6 epochs \(100%\), done in /m);
    expect(JSON.parse(run.stdout.trim().split('\n').pop() ?? '')).toMatchObject({ cvRmse: null });
    fs.rmSync(out, { recursive: true, force: true });
  }, 120_000);
});
