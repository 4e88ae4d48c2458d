// npm run model:evaluate -- --model models/NAME [--data PATH | --telemetry PATH --labels PATH]
//   [--consecutive 3] [--min-lead 5] [--false-beyond 2H] [--cycles-per-year 1500] [--out DIR]
// Writes evaluation.json and evaluation.html into the model folder (or --out). Without --data, or
// with the data the model was trained on, the figures come from out-of-fold predictions (the
// folder's held-out-predictions.json, recomputed from the card's recipe when absent); other
// run-to-failure data is scored by the model itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RiskModel } from '@hourglass/risk-model';
import {
  EvaluationUnit,
  HeldOutPredictions,
  heldOutUnits,
  predictHistories,
  readHeldOutPredictions,
  recomputeHeldOut,
  renderEvaluationHtml,
  evaluateModel,
  writeHeldOutPredictions,
} from '../index';
import {
  integerFlag,
  parseFlags,
  progress,
  progressReporter,
  requiredFlag,
  runCli,
} from './cli-args';
import { loadHistories } from './history-input';

const USAGE = `usage: npm run model:evaluate -- --model DIR [--data PATH | --telemetry PATH --labels PATH] [options]

Writes evaluation.json and evaluation.html for a model folder. Without --data, or with the data
the model was trained on, the figures come from out-of-fold predictions (recomputed from the card's
recipe when the folder has none); other run-to-failure data is scored by the model itself.

  --model DIR            model folder, e.g. models/fd001-mlp-v2 (required)
  --data PATH            C-MAPSS run-to-failure file (default: the data on the model's card)
  --telemetry PATH       a fleet export's telemetry (npm run fleet:export), instead of --data
  --labels PATH          the fleet export's failure labels (required with --telemetry)
  --consecutive N        readings above the threshold that raise a warning (default 3)
  --min-lead N           cycles before failure a warning must come to count (default 5)
  --false-beyond N       warnings earlier than N cycles before failure are false (default 2 x the
                         model's horizon)
  --cycles-per-year N    cycles per year for false warnings per asset-year (default 1500)
  --out DIR              where to write the report (default: the model folder)
  -h, --help             this text

Progress goes to stderr (a bar on a terminal, a line every 5 s otherwise); the last stdout line is
{"version","rmseCapped","rmseUpToCap","brier","ece","atThreshold50"}.`;

const KNOWN = [
  'model',
  'data',
  'telemetry',
  'labels',
  'consecutive',
  'min-lead',
  'false-beyond',
  'cycles-per-year',
  'out',
];

runCli(USAGE, async (argv) => {
  const flags = parseFlags(argv, KNOWN);
  const dir = requiredFlag(flags, 'model');
  const backtest = {
    consecutive: integerFlag(flags, 'consecutive', 3),
    minLead: integerFlag(flags, 'min-lead', 5, 0),
    falseBeyond: flags.has('false-beyond') ? integerFlag(flags, 'false-beyond', 1) : undefined,
    cyclesPerYear: integerFlag(flags, 'cycles-per-year', 1500),
  };
  const model = await RiskModel.load(dir);
  try {
    const { units, source } = await unitsToEvaluate(model, dir, flags);
    const report = evaluateModel(model, units, source, {
      ...backtest,
      falseBeyond: backtest.falseBeyond ?? 2 * model.horizon,
    });
    const out = flags.get('out') ?? dir;
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'evaluation.json'), JSON.stringify(report, null, 2) + '\n');
    fs.writeFileSync(path.join(out, 'evaluation.html'), renderEvaluationHtml(report));
    progress(
      `wrote ${out}/evaluation.json and evaluation.html (${report.units} histories, ${report.rows} rows)`,
    );
    const at = report.backtest.byThreshold.find((b) => b.threshold === 0.5);
    process.stdout.write(
      JSON.stringify({
        version: model.version,
        rmseCapped: report.rul.rmseCapped,
        rmseUpToCap: report.rul.rmseUpToCap,
        brier: report.calibration.brier,
        ece: report.calibration.expectedCalibrationError,
        atThreshold50: at
          ? {
              missed: at.missed,
              medianLead: at.leadTime?.median ?? null,
              falsePerAssetYear: at.falseWarningsPerAssetYear,
            }
          : null,
      }) + '\n',
    );
  } finally {
    model.dispose();
  }
});

async function unitsToEvaluate(
  model: RiskModel,
  dir: string,
  flags: Map<string, string>,
): Promise<{ units: EvaluationUnit[]; source: string }> {
  const explicit = flags.has('data') || flags.has('telemetry');
  const input = explicit
    ? loadHistories(flags)
    : loadHistories(new Map([['data', model.card.data.file]]));
  const sameData = !explicit || input.sha256 === model.card.data.sha256;
  if (!sameData) {
    progress(
      `scoring ${input.histories.size} histories of ${input.description} with ${model.version}`,
    );
    return {
      units: predictHistories(
        model,
        input.histories,
        progressReporter('model:evaluate', 'histories'),
      ).map((u) => ({
        ...u,
        years: input.years.get(u.id),
      })),
      source: `Predictions of ${model.version} on ${input.description}, data it was not trained on`,
    };
  }
  let held: HeldOutPredictions | undefined = readHeldOutPredictions(dir);
  if (!held) {
    progress(
      `no held-out predictions in ${dir}: re-running the card's cross-validation on ${input.description}`,
    );
    held = await recomputeHeldOut(
      model,
      input.histories,
      progress,
      progressReporter('model:evaluate', 'epochs'),
    );
    writeHeldOutPredictions(dir, held);
  }
  const units = heldOutUnits(held).map((u) => ({ ...u, years: u.years ?? input.years.get(u.id) }));
  return { units, source: `${held.source}, on ${input.description}` };
}
