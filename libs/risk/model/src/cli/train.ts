// npm run model:train -- [--data PATH] [--out models/NAME] [--seeds N] [--horizon 30] [--folds 5] [--epochs N]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { parseCmapss, trainModel } from '../index';
import { integerFlag, parseFlags, progress, runCli } from './cli-args';

const DEFAULT_DATA = 'models/data/cmapss/train_FD001.txt';
const DEFAULT_OUT = 'models/fd001-mlp-v1';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), [
    'data',
    'out',
    'seeds',
    'horizon',
    'folds',
    'epochs',
  ]);
  const data = flags.get('data') ?? DEFAULT_DATA;
  const out = flags.get('out') ?? DEFAULT_OUT;
  const seedCount = integerFlag(flags, 'seeds', 5);
  const folds = integerFlag(flags, 'folds', 5, 0);
  const epochs = flags.has('epochs') ? integerFlag(flags, 'epochs', 0) : undefined;
  const bytes = fs.readFileSync(data);
  const units = parseCmapss(bytes.toString('utf8'));
  progress(
    `training ${path.basename(out)} on ${data}: ${units.size} units, ${seedCount} seeds, ${folds} cv folds`,
  );
  const model = await trainModel({
    units,
    name: path.basename(out),
    horizon: integerFlag(flags, 'horizon', 30),
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
    crossValidation: folds >= 2 ? { folds } : false,
    ...(epochs ? { network: { epochs } } : {}),
    data: {
      file: path.relative(process.cwd(), path.resolve(data)),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    log: progress,
  });
  await model.saveModel(out);
  const { card } = model;
  progress(`wrote ${out} (${card.version}) in ${card.training.seconds.toFixed(1)} s`);
  process.stdout.write(
    JSON.stringify({
      version: card.version,
      cvRmse: card.crossValidation?.rmse ?? null,
      cvScorePer100: card.crossValidation?.scorePer100 ?? null,
      trainSeconds: card.training.seconds,
      backend: card.training.backend,
    }) + '\n',
  );
  model.dispose();
});
