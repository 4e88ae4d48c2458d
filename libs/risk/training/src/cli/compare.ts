// node tools/run.js libs/risk/training/src/cli/compare.ts --model models/NAME --with models/OTHER
//   [--description TEXT]
// Records in NAME's card its cross-validation beside OTHER's (both cards' figures, and both
// versions' out-of-fold RMSE over the units both cross-validated, from held-out-predictions.json).
import { RiskModel } from '@hourglass/risk-model';
import { compareCrossValidation, readHeldOutPredictions } from '../index';
import { parseFlags, progress, requiredFlag, runCli } from './cli-args';

runCli(async () => {
  const argv = process.argv.slice(2);
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
