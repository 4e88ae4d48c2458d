// npm run model:train -- [--data PATH | --telemetry PATH --labels PATH [--sensors a,b,c]]
//   [--out models/NAME] [--seeds N] [--horizon 30] [--folds 5] [--cv-seeds N] [--epochs N]
//   [--hold-out ID,ID,...]
// Trains with cross-validation (card figures, probability calibration, held-out predictions for
// `npm run model:evaluate`) and writes the model folder. `--hold-out` leaves the named histories
// (C-MAPSS unit numbers) out of training and cross-validation and records them in the card.
import * as path from 'node:path';
import { HistoryRow } from '@hourglass/risk-features';
import {
  DEFAULT_CV_SEEDS_PER_FOLD,
  DEFAULT_NETWORK_OPTIONS,
  TrainModelOptions,
  describeHeldOut,
  heldOutPredictions,
  trainModel,
  writeHeldOutPredictions,
} from '../index';
import { integerFlag, parseFlags, progress, progressReporter, runCli } from './cli-args';
import { DEFAULT_DATA, holdOutHistories, loadHistories } from './history-input';

const DEFAULT_OUT = 'models/fd001-mlp-v2';

const USAGE = `usage: npm run model:train -- [--data PATH | --telemetry PATH --labels PATH] [options]

Trains the early-warning model with cross-validation and writes the model folder (card figures,
probability calibration, held-out predictions for npm run model:evaluate).

  --data PATH        C-MAPSS training file, every unit run to failure (default ${DEFAULT_DATA})
  --telemetry PATH   a fleet export's telemetry (npm run fleet:export), instead of --data
  --labels PATH      the fleet export's failure labels (required with --telemetry)
  --sensors a,b,c    metrics used as features (default: the export's varying metrics, or the
                     C-MAPSS sensors of the feature defaults)
  --out DIR          model folder to write (default ${DEFAULT_OUT})
  --seeds N          ensemble members, seeds 1..N (default 5)
  --horizon N        cycles ahead that the failure probability looks (default 30)
  --folds N          cross-validation folds, 0 or 1 to skip it (default 5)
  --cv-seeds N       networks per cross-validation fold (default ${DEFAULT_CV_SEEDS_PER_FOLD})
  --epochs N         training epochs per network (default ${DEFAULT_NETWORK_OPTIONS.epochs})
  --hold-out ID,...  histories (C-MAPSS unit numbers) left out of training and cross-validation,
                     listed in the card (default none)
  -h, --help         this text

Progress goes to stderr (a bar on a terminal, a line every 5 s otherwise); the last stdout line is
{"version","cvRmse","cvScorePer100","trainSeconds","backend"}.`;

runCli(USAGE, async (argv) => {
  const flags = parseFlags(argv, [
    'data',
    'telemetry',
    'labels',
    'sensors',
    'out',
    'seeds',
    'horizon',
    'folds',
    'cv-seeds',
    'epochs',
    'hold-out',
  ]);
  const out = flags.get('out') ?? DEFAULT_OUT;
  const seedCount = integerFlag(flags, 'seeds', 5);
  const folds = integerFlag(flags, 'folds', 5, 0);
  const epochs = flags.has('epochs') ? integerFlag(flags, 'epochs', 0) : undefined;
  const input = loadHistories(flags);
  const heldOut = holdOutHistories(input.histories, flags.get('hold-out'));
  if (heldOut.length) progress(`held out of training: ${heldOut.join(', ')}`);
  const ids = [...input.histories.keys()];
  const units = new Map(ids.map((id, i) => [i + 1, input.histories.get(id) as HistoryRow[]]));
  const sensors = flags.get('sensors')?.split(',') ?? input.metrics;
  progress(
    `training ${path.basename(out)} on ${input.description}: ${seedCount} seeds, ${folds} cv folds`,
  );
  let held: ReturnType<typeof heldOutPredictions> | undefined;
  const options: TrainModelOptions = {
    units,
    name: path.basename(out),
    horizon: integerFlag(flags, 'horizon', 30),
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
    crossValidation:
      folds >= 2
        ? { folds, seedsPerFold: integerFlag(flags, 'cv-seeds', DEFAULT_CV_SEEDS_PER_FOLD) }
        : false,
    ...(epochs ? { network: { epochs } } : {}),
    ...(sensors ? { features: { sensors } } : {}),
    data: {
      file: input.file,
      sha256: input.sha256,
      kind: input.metrics ? 'fleet-export' : 'cmapss',
      ...(heldOut.length ? { heldOut } : {}),
    },
    onCrossValidation: (cv, unitIds) => {
      held = heldOutPredictions(
        describeHeldOut(cv.report.folds, cv.report.networksPerFold ?? 1),
        unitIds.map((n, i) => ({
          id: ids[n - 1],
          rul: cv.predictions[i],
          ...(input.years.has(ids[n - 1]) ? { years: input.years.get(ids[n - 1]) } : {}),
        })),
        input.sha256,
      );
    },
    log: progress,
    onProgress: progressReporter('model:train', 'epochs'),
  };
  const model = await trainModel(options);
  await model.saveModel(out);
  const command = `npm run model:train -- ${argv.join(' ')}`;
  model.updateCard(out, (c) => ({ ...c, training: { ...c.training, command } }));
  if (held) writeHeldOutPredictions(out, held);
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
