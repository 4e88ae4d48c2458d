// npm run cmapss:eval -- --train PATH --test PATH --rul PATH [--seeds 5] [--cv-seeds 3] [--epochs N]
//   [--record models/NAME --description TEXT]
// Trains from scratch with fixed seeds on --train with the recipe of `npm run model:train`
// (5-fold cross-validation on the training units for the probability calibration and the late-bias
// RUL correction, then the ensemble), predicts at the last cycle of each --test unit and compares
// with --rul. The last stdout line is {"rmse","score","engines","trainSeconds"}.
// --record appends the result to that model folder's card (the card is not part of its hash).
import * as fs from 'node:fs';
import { parseRulFile } from '@hourglass/datasets-cmapss';
import { RiskModel, parseCmapss } from '@hourglass/risk-model';
import {
  DEFAULT_CV_SEEDS_PER_FOLD,
  DEFAULT_NETWORK_OPTIONS,
  phm08Score,
  rmse,
  trainModel,
} from '../index';
import {
  integerFlag,
  parseFlags,
  progress,
  progressReporter,
  requiredFlag,
  runCli,
} from './cli-args';

const USAGE = `usage: npm run cmapss:eval -- --train PATH --test PATH --rul PATH [options]

Trains the early-warning model from scratch with fixed seeds on --train (the recipe of
npm run model:train: 5-fold cross-validation, then the ensemble), predicts at the last cycle of
each --test unit and compares with --rul.

  --train PATH         C-MAPSS training file, units run to failure (required)
  --test PATH          C-MAPSS test file, units cut before failure (required)
  --rul PATH           true RUL at the last cycle of each test unit, one per line (required)
  --seeds N            ensemble members, seeds 1..N (default 5)
  --cv-seeds N         networks per cross-validation fold (default ${DEFAULT_CV_SEEDS_PER_FOLD})
  --epochs N           training epochs per network (default ${DEFAULT_NETWORK_OPTIONS.epochs})
  --record DIR         append the result to that model folder's card (default: none)
  --description TEXT   what --record calls this evaluation (default "held-out split")
  -h, --help           this text

Progress goes to stderr (a bar on a terminal, a line every 5 s otherwise); the last stdout line is
{"rmse","score","engines","trainSeconds"}.`;

runCli(USAGE, async (argv) => {
  const flags = parseFlags(argv, [
    'train',
    'test',
    'rul',
    'seeds',
    'cv-seeds',
    'epochs',
    'record',
    'description',
  ]);
  const seedCount = integerFlag(flags, 'seeds', 5);
  const cvSeeds = integerFlag(flags, 'cv-seeds', DEFAULT_CV_SEEDS_PER_FOLD);
  const epochs = flags.has('epochs') ? integerFlag(flags, 'epochs', 0) : undefined;
  const [trainFile, testFile, rulFile] = ['train', 'test', 'rul'].map((f) =>
    requiredFlag(flags, f),
  );
  const train = parseCmapss(fs.readFileSync(trainFile, 'utf8'));
  const test = parseCmapss(fs.readFileSync(testFile, 'utf8'));
  const truth = parseRulFile(fs.readFileSync(rulFile, 'utf8'));
  if (truth.length !== test.size)
    throw new Error(`${test.size} test units but ${truth.length} RUL lines`);
  progress(`training on ${train.size} units (${seedCount} seeds), testing on ${test.size} units`);

  const model = await trainModel({
    units: train,
    name: 'cmapss-eval',
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
    crossValidation: {
      folds: 5,
      seedsPerFold: cvSeeds,
    },
    ...(epochs ? { network: { epochs } } : {}),
    log: progress,
    onProgress: progressReporter('cmapss:eval', 'epochs'),
  });
  const ids = [...test.keys()].sort((a, b) => a - b);
  const predicted = model.predict(ids.map((id) => test.get(id) ?? [])).map((p) => p.rul);
  const result = {
    rmse: rmse(predicted, truth),
    score: phm08Score(predicted, truth),
    engines: ids.length,
    trainSeconds: model.card.training.seconds,
  };
  model.dispose();

  const record = flags.get('record');
  if (record) {
    const shipped = await RiskModel.load(record);
    const evaluation = {
      command: `npm run cmapss:eval -- ${argv.map(quoted).join(' ')}`,
      description: flags.get('description') ?? 'held-out split',
      ...result,
      recordedAt: new Date().toISOString(),
    };
    shipped.updateCard(record, (card) => ({
      ...card,
      evaluations: [...card.evaluations, evaluation],
    }));
    shipped.dispose();
    progress(`recorded in ${record}/model-card.json`);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
});

function quoted(arg: string): string {
  return /[\s"']/.test(arg) ? JSON.stringify(arg) : arg;
}
