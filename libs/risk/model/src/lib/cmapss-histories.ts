import {
  CmapssParseError,
  formatCmapssFile,
  parseCmapssFile,
  type CmapssUnit,
} from '@hourglass/datasets-cmapss';
import { HistoryRow, METRIC_NAMES } from '@hourglass/risk-features';
import { RiskModelError } from './risk-model-errors';

/**
 * Reads a C-MAPSS trajectory file (parsed by `@hourglass/datasets-cmapss`) as one history per
 * unit, rows in file order (oldest first), each row's values named by {@link METRIC_NAMES}.
 *
 * @throws RiskModelError `INVALID_DATA` naming the line of a malformed row.
 */
export function parseCmapss(text: string): Map<number, HistoryRow[]> {
  let units: CmapssUnit[];
  try {
    units = parseCmapssFile(text);
  } catch (error) {
    if (!(error instanceof CmapssParseError)) throw error;
    throw new RiskModelError('INVALID_DATA', error.message, { cause: error });
  }
  return new Map(
    units.map(({ unit, rows }) => [
      unit,
      rows.map((row) => ({
        cycle: row.cycle,
        metrics: Object.fromEntries(METRIC_NAMES.map((name, i) => [name, row.values[i]])),
      })),
    ]),
  );
}

/** Writes histories back in the C-MAPSS text format (inverse of {@link parseCmapss}). */
export function formatCmapss(units: ReadonlyMap<number, readonly HistoryRow[]>): string {
  return formatCmapssFile(
    [...units].map(([unit, rows]) => ({
      unit,
      rows: rows.map((row) => ({
        cycle: row.cycle,
        values: METRIC_NAMES.map((name) => row.metrics[name]),
      })),
    })),
  );
}
