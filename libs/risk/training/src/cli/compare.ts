import { RiskModel } from '@hourglass/risk-model';
import { compareCrossValidation, readHeldOutPredictions } from '../index';
import { parseFlags, progress, requiredFlag, runCli } from './cli-args';

const USAGE = `usage: node tools/run.js libs/risk/training/src/cli/compare.ts --model DIR --with DIR [--description TEXT]

Records in the card of --model its cross-validation beside that of --with: both cards' figures, and
both versions' out-of-fold RMSE (capped RUL, every row) over the units both cross-validated, from
their held-out-predictions.json.

  --model DIR          model folder whose card gets the comparison
  --with DIR           the model folder to compare with (same data file and RUL cap)
  --description TEXT   why the two are compared (default: "the version before NAME")
  -h, --help           this text

The last stdout line is {"units","rows","rmseAllRows","otherRmseAllRows"}.`;

runCli(USAGE, async (argv) => {
  const flags = parseFlags(argv, ['model', 'with', 'description']);
  const dir = requiredFlag(flags, 'model');
  const otherDir = requiredFlag(flags, 'with');
  const model = await RiskModel.load(dir);
  const other = await RiskModel.load(otherDir);
  try {
    const version = (d: string, m: RiskModel) => {
      const predictions = readHeldOutPredictions(d);
      if (!predictions) throw new Error(`${d} has no held-out-predictions.json`);
      return { card: m.card, predictions };
    };
    const comparison = compareCrossValidation(version(dir, model), version(otherDir, other), {
      description: flags.get('description') ?? `the version before ${model.card.name}`,
      command: [
        'node tools/run.js libs/risk/training/src/cli/compare.ts',
        ...argv.map(quoted),
      ].join(' '),
    });
    model.updateCard(dir, (card) => ({ ...card, comparison }));
    progress(`recorded in ${dir}/model-card.json`);
    process.stdout.write(JSON.stringify(comparison.sharedUnits) + '\n');
  } finally {
    model.dispose();
    other.dispose();
  }
});

function quoted(arg: string): string {
  return /[\s"']/.test(arg) ? JSON.stringify(arg) : arg;
}
