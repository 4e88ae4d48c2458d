import { HistoryRow, METRIC_NAMES } from '@hourglass/risk-features';
import { RiskModelError } from './risk-model-errors';

/** Columns of a C-MAPSS file: unit, cycle, then {@link METRIC_NAMES}. */
const COLUMNS = 2 + METRIC_NAMES.length;

/**
 * Parses a C-MAPSS trajectory file (26 space-separated columns: unit, cycle, setting1..3,
 * s1..s21) into one history per unit, rows in file order (oldest first).
 *
 * @throws RiskModelError `INVALID_DATA` naming the line when a line has the wrong column count
 * or a value that is not a number.
 */
export function parseCmapss(text: string): Map<number, HistoryRow[]> {
  const units = new Map<number, HistoryRow[]>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const values = trimmed.split(/\s+/).map(Number);
    if (values.length !== COLUMNS || values.some((v) => !Number.isFinite(v))) {
      throw new RiskModelError(
        'INVALID_DATA',
        `line ${index + 1}: expected ${COLUMNS} numeric columns, got "${trimmed.slice(0, 80)}"`,
      );
    }
    const metrics: Record<string, number> = {};
    METRIC_NAMES.forEach((name, i) => (metrics[name] = values[2 + i]));
    const unit = values[0];
    const rows = units.get(unit) ?? [];
    rows.push({ cycle: values[1], metrics });
    units.set(unit, rows);
  });
  return units;
}

/**
 * Parses a C-MAPSS RUL file: one integer per line, the true remaining useful life after the last
 * cycle of each test unit, in unit order.
 */
export function parseRulFile(text: string): number[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, index) => {
      const value = Number(line);
      if (!Number.isFinite(value) || value < 0) {
        throw new RiskModelError('INVALID_DATA', `RUL line ${index + 1}: "${line}" is not a RUL`);
      }
      return value;
    });
}

/** Writes histories back in the C-MAPSS text format (inverse of {@link parseCmapss}). */
export function formatCmapss(units: ReadonlyMap<number, readonly HistoryRow[]>): string {
  const lines: string[] = [];
  for (const [unit, rows] of units) {
    for (const row of rows) {
      const values = METRIC_NAMES.map((name) => String(row.metrics[name]));
      lines.push([String(unit), String(row.cycle), ...values].join(' '));
    }
  }
  return lines.join('\n') + '\n';
}
