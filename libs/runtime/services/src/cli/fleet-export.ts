// npm run fleet:export -- --out DIR [--from ISO] [--to ISO] [--assets a,b] [--type T] [--tenant T]
//   [--metrics m1,m2] [--resolution raw|1m|1h] [--format jsonl|csv] [--page-size N]
// Exports telemetry and failure labels from the platform's stores (configured as for the
// services: HG_DATA_DIR, HG_DATABASE_URL, HG_INFLUX_*) for `npm run model:train -- --telemetry
// --labels`. Progress on stderr; the last line on stdout is the JSON summary. Exit status 0, 1 when
// the export failed (unknown asset, empty range, store unreachable), 2 on bad arguments or settings.
// A composition root: the stores are opened once here and handed to maintenance's export with
// billing's failure query (maintenance may not import billing).
import { ConfigError, loadPlatformConfig } from '@hourglass/platform-config';
import { FaultTransitionQuery } from '@hourglass/billing-records';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import {
  FLEET_EXPORT_USAGE,
  FleetExportError,
  FleetExportService,
  FleetHistoryRepository,
  openExportSources,
  parseFleetExportArgs,
  type FleetExportProgress,
} from '@hourglass/maintenance-fleet-export';
import { answerHelp, CliProgress, USAGE_EXIT_CODE } from '@hourglass/platform-cli';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (answerHelp(args, `usage: ${FLEET_EXPORT_USAGE}`)) return 0;
  const options = parseFleetExportArgs(args);
  const sources = await openExportSources(loadPlatformConfig());
  try {
    log(`fleet-export: reading ${sources.description}`);
    let progress: CliProgress | undefined;
    const onProgress = (p: FleetExportProgress) => {
      progress ??= new CliProgress('fleet-export', p.assetsTotal, { unit: 'assets' });
      progress.update(p.assetsDone, `${p.points.toLocaleString('en')} points written`);
    };
    const service = new FleetExportService(
      sources.telemetry,
      new FleetHistoryRepository(sources.db),
      new TaskRepository(sources.db),
      new FaultTransitionQuery(sources.db),
    );
    const summary = await service.run({ ...options, onProgress });
    const l = summary.labels;
    log(
      `fleet-export: ${summary.points.toLocaleString('en')} points of ${summary.assets} assets (${summary.skippedRows} rows not in RUN or without readings left out), ` +
        `${l.failures} failures, ${l.replacements} replacements (${l.confirmedDefects} with a confirmed defect; ` +
        `${l.overtakenTasks} tasks overtaken by a failure and ${l.platformClosedTasks} closed by the platform left out) ` +
        `in ${(summary.durationMs / 1000).toFixed(1)} s -> ${summary.files.telemetry}, ${summary.files.labels}`,
    );
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await sources.close();
  }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof FleetExportError && error.code === 'INVALID_ARGUMENT';
    const retry = error instanceof FleetExportError && error.retryable ? ' (retryable)' : '';
    log(`fleet-export: ${error instanceof Error ? error.message : String(error)}${retry}`);
    if (usage) log(`usage: ${FLEET_EXPORT_USAGE}`);
    process.exitCode = usage || error instanceof ConfigError ? USAGE_EXIT_CODE : 1;
  },
);
