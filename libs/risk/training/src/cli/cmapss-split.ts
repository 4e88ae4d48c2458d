// node tools/run.js libs/risk/training/src/cli/cmapss-split.ts [--data PATH] --out DIR [--holdout 20] [--seed 7]
// Makes a test split like the official C-MAPSS one from run-to-failure training units: holds out
// --holdout units, cuts each at a seeded random point, and writes DIR/train_split.txt,
// DIR/test_split.txt and DIR/RUL_split.txt for `npm run cmapss:eval`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatCmapss, parseCmapss } from '@hourglass/risk-model';
import { describeCutRule, DEFAULT_CUT_RULE, makeHoldoutSplit } from '../index';
import { integerFlag, parseFlags, progress, requiredFlag, runCli } from './cli-args';
import { DEFAULT_DATA } from './history-input';

const USAGE = `usage: node tools/run.js libs/risk/training/src/cli/cmapss-split.ts --out DIR [options]

  --data PATH     C-MAPSS run-to-failure file (default ${DEFAULT_DATA})
  --out DIR       where train_split.txt, test_split.txt and RUL_split.txt go (required)
  --holdout N     units held out for the test split (default 20)
  --seed N        seed of the held-out units and their cut points (default 7)
  -h, --help      this text`;

runCli(USAGE, async (argv) => {
  const flags = parseFlags(argv, ['data', 'out', 'holdout', 'seed']);
  const data = flags.get('data') ?? DEFAULT_DATA;
  const out = requiredFlag(flags, 'out');
  const units = parseCmapss(fs.readFileSync(data, 'utf8'));
  const holdout = integerFlag(flags, 'holdout', 20);
  if (holdout >= units.size)
    throw new Error(`--holdout ${holdout} leaves no training units (${units.size} in ${data})`);
  const split = makeHoldoutSplit(units, holdout, integerFlag(flags, 'seed', 7, 0));
  fs.mkdirSync(out, { recursive: true });
  const files = {
    train: path.join(out, 'train_split.txt'),
    test: path.join(out, 'test_split.txt'),
    rul: path.join(out, 'RUL_split.txt'),
  };
  fs.writeFileSync(files.train, formatCmapss(split.train));
  fs.writeFileSync(files.test, formatCmapss(split.test));
  fs.writeFileSync(files.rul, split.rul.join('\n') + '\n');
  progress(
    `held out ${holdout} of ${units.size} units; cuts: ${describeCutRule(DEFAULT_CUT_RULE)}`,
  );
  progress(
    `next: npm run cmapss:eval -- --train ${files.train} --test ${files.test} --rul ${files.rul}`,
  );
  process.stdout.write(JSON.stringify(files) + '\n');
});
