import { readFile } from 'node:fs/promises';

/** Names of the 24 measured columns after `unit` and `cycle`, in file order. */
export const CMAPSS_MEASUREMENT_NAMES: readonly string[] = [
  'setting1',
  'setting2',
  'setting3',
  ...Array.from({ length: 21 }, (_, i) => `s${i + 1}`),
];

/** Number of columns of a C-MAPSS row: unit, cycle, 3 settings, 21 sensors. */
export const CMAPSS_COLUMN_COUNT = 2 + CMAPSS_MEASUREMENT_NAMES.length;

/** One operational cycle of one unit. */
export interface CmapssRow {
  /** 1-based line number in the source text, for messages. */
  readonly line: number;
  /** Age of the unit in cycles (1-based). */
  readonly cycle: number;
  /** `setting1..3` and `s1..s21`, in file order. */
  readonly values: readonly number[];
}

/** One unit (engine) with its rows in file order. */
export interface CmapssUnit {
  readonly unit: number;
  readonly rows: readonly CmapssRow[];
}

/** A row that is not a well-formed C-MAPSS row; the message names the line. */
export class CmapssParseError extends Error {
  readonly code = 'CMAPSS_PARSE';

  constructor(
    readonly line: number,
    detail: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}:` : 'line '}${line}: ${detail}`);
    this.name = 'CmapssParseError';
  }
}

/**
 * Parses the text of a C-MAPSS file (`train_FD00x.txt`, `test_FD00x.txt`).
 *
 * Columns may be separated by any run of spaces or tabs; leading/trailing whitespace, CRLF line
 * ends and blank lines are ignored. Rows of one unit must be contiguous with strictly increasing
 * cycles. Units are returned in order of first appearance.
 *
 * @param text the whole file
 * @param source optional file name used in error messages
 * @throws CmapssParseError naming the offending line
 */
export function parseCmapssFile(text: string, source?: string): CmapssUnit[] {
  const units: { unit: number; rows: CmapssRow[] }[] = [];
  const seen = new Set<number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed === '') continue;
    const lineNo = i + 1;
    const { unit, row } = parseRow(trimmed, lineNo, source);
    let current = units[units.length - 1];
    if (!current || current.unit !== unit) {
      if (seen.has(unit)) {
        throw new CmapssParseError(lineNo, `rows of unit ${unit} are not contiguous`, source);
      }
      seen.add(unit);
      current = { unit, rows: [] };
      units.push(current);
    }
    const previous = current.rows[current.rows.length - 1];
    if (previous && row.cycle <= previous.cycle) {
      throw new CmapssParseError(
        lineNo,
        `cycle ${row.cycle} of unit ${unit} does not follow cycle ${previous.cycle}`,
        source,
      );
    }
    current.rows.push(row);
  }
  return units;
}

/** Reads and parses a C-MAPSS file; errors name the file and line. */
export async function readCmapssFile(path: string): Promise<CmapssUnit[]> {
  const text = await readFile(path, 'utf8');
  return parseCmapssFile(text, path);
}

function parseRow(
  trimmed: string,
  line: number,
  source: string | undefined,
): { unit: number; row: CmapssRow } {
  const fields = trimmed.split(/[ \t]+/);
  if (fields.length !== CMAPSS_COLUMN_COUNT) {
    throw new CmapssParseError(
      line,
      `expected ${CMAPSS_COLUMN_COUNT} columns, found ${fields.length}`,
      source,
    );
  }
  const numbers = fields.map((field, column) => {
    const value = Number(field);
    if (!Number.isFinite(value)) {
      throw new CmapssParseError(line, `column ${column + 1} is not a number: "${field}"`, source);
    }
    return value;
  });
  const [unit, cycle, ...values] = numbers;
  if (!Number.isInteger(unit) || unit < 1) {
    throw new CmapssParseError(
      line,
      `unit must be a positive integer, found "${fields[0]}"`,
      source,
    );
  }
  if (!Number.isInteger(cycle) || cycle < 1) {
    throw new CmapssParseError(
      line,
      `cycle must be a positive integer, found "${fields[1]}"`,
      source,
    );
  }
  return { unit, row: { line, cycle, values } };
}
