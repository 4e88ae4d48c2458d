import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { HistoryRow } from '@hourglass/risk-features';
import { parseCmapss } from '@hourglass/risk-model';
import { parseFailureLabels, parseTelemetryExport, splitUnitLives, varyingMetrics } from '../index';
import { CliUsageError } from './cli-args';

/** The C-MAPSS file read when neither `--data` nor `--telemetry` is given. */
export const DEFAULT_DATA = 'models/data/cmapss/train_FD001.txt';

/** Run-to-failure histories read from the command line's data flags. */
export interface HistoryInput {
  /** Histories that ran to failure, by id (C-MAPSS unit number, or `asset#n`). */
  histories: Map<string, HistoryRow[]>;
  /** Calendar years per history, when the data has timestamps. */
  years: Map<string, number>;
  description: string;
  /** sha256 of the data file (C-MAPSS) or of the telemetry and labels files together. */
  sha256: string;
  /** The files read, as given. */
  file: string;
  /** Metrics that vary in the data (fleet exports only). */
  metrics?: string[];
}

/**
 * `--data PATH` (C-MAPSS text, every unit run to failure) or `--telemetry PATH --labels PATH`
 * (a fleet's export; see models/README.md): lives ending in a failure are kept, censored ones
 * (replaced without a confirmed defect, or still running) are left out and counted.
 */
export function loadHistories(flags: ReadonlyMap<string, string>): HistoryInput {
  const telemetry = flags.get('telemetry');
  if (!telemetry) {
    const file = flags.get('data') ?? DEFAULT_DATA;
    const bytes = fs.readFileSync(file);
    const units = parseCmapss(bytes.toString('utf8'));
    const ids = [...units.keys()].sort((a, b) => a - b);
    return {
      histories: new Map(ids.map((id) => [String(id), units.get(id) as HistoryRow[]])),
      years: new Map(),
      description: `${file} (${units.size} run-to-failure units)`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      file,
    };
  }
  const labelsFile = flags.get('labels');
  if (!labelsFile) throw new CliUsageError('--telemetry needs --labels PATH (failure events)');
  const telemetryBytes = fs.readFileSync(telemetry);
  const labelBytes = fs.readFileSync(labelsFile);
  const lives = splitUnitLives(
    parseTelemetryExport(telemetryBytes.toString('utf8')),
    parseFailureLabels(labelBytes.toString('utf8')),
  );
  const failed = lives.filter((l) => l.end === 'failure');
  return {
    histories: new Map(failed.map((l) => [l.id, l.rows])),
    years: new Map(failed.map((l) => [l.id, l.years])),
    description: `${telemetry} with labels ${labelsFile} (${failed.length} lives ending in failure; ${lives.length - failed.length} censored lives left out)`,
    sha256: createHash('sha256').update(telemetryBytes).update(labelBytes).digest('hex'),
    file: `${telemetry} + ${labelsFile}`,
    metrics: varyingMetrics(lives),
  };
}

/**
 * `--hold-out ID,...`: removes those histories from `histories` (each must be there) so that
 * training and cross-validation never see them; returns their ids in the order given.
 */
export function holdOutHistories(
  histories: Map<string, HistoryRow[]>,
  list: string | undefined,
): string[] {
  if (list === undefined) return [];
  const ids = list.split(',').map((id) => id.trim());
  const missing = ids.filter((id) => !histories.has(id));
  if (missing.length > 0) {
    throw new CliUsageError(
      `--hold-out: no history ${missing.map((id) => `"${id}"`).join(', ')} in the data`,
    );
  }
  for (const id of ids) histories.delete(id);
  return ids;
}
