import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CMAPSS_MEASUREMENT_NAMES,
  CmapssParseError,
  parseCmapssFile,
  readCmapssFile,
} from './cmapss-parser';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const ROW_TAIL =
  '518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190';
const row = (unit: number, cycle: number) => `${unit} ${cycle} -0.0007 -0.0004 100.0 ${ROW_TAIL}`;

describe(parseCmapssFile.name, () => {
  it('groups rows by unit and keeps every value in file order', () => {
    const units = parseCmapssFile(fixture('three-units.txt'));

    expect(units.map((u) => [u.unit, u.rows.length])).toEqual([
      [1, 12],
      [2, 7],
      [3, 9],
    ]);
    const first = units[0].rows[0];
    expect(first).toEqual({
      line: 1,
      cycle: 1,
      values: [
        -0.0007, -0.0004, 100, 518.67, 641.82, 1589.7, 1400.6, 14.62, 21.61, 554.36, 2388.06,
        9046.19, 1.3, 47.47, 521.66, 2388.02, 8138.62, 8.4195, 0.03, 392, 2388, 100, 39.06, 23.419,
      ],
    });
    expect(first.values).toHaveLength(CMAPSS_MEASUREMENT_NAMES.length);
    expect(units[2].rows.map((r) => r.cycle)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('tolerates trailing spaces and tabs, CRLF line ends and blank lines', () => {
    const units = parseCmapssFile(fixture('messy-whitespace.txt'));

    expect(units.map((u) => u.unit)).toEqual([1, 2]);
    expect(units[0].rows.map((r) => [r.line, r.cycle])).toEqual([
      [1, 1],
      [4, 2],
    ]);
    expect(units[0].rows[1].values[23]).toBe(23.4236);
  });

  it('returns no units for an empty text', () => {
    expect(parseCmapssFile('\n  \n')).toEqual([]);
  });

  it.each([
    ['a missing column', `${row(1, 1)}\n1 2 0 0 100`, /^line 2: expected 26 columns, found 5$/],
    [
      'a word',
      `${row(1, 1)}\n${row(1, 2).replace('641.82', 'n/a')}`,
      /^line 2: column 7 is not a number: "n\/a"$/,
    ],
    [
      'a fractional cycle',
      row(1, 1).replace(/^1 1 /, '1 1.5 '),
      /^line 1: cycle must be a positive integer/,
    ],
    ['unit zero', row(0, 1), /^line 1: unit must be a positive integer/],
    [
      'a repeated cycle',
      `${row(1, 1)}\n${row(1, 1)}`,
      /^line 2: cycle 1 of unit 1 does not follow cycle 1$/,
    ],
    [
      'a unit split in two',
      `${row(1, 1)}\n${row(2, 1)}\n${row(1, 2)}`,
      /^line 3: rows of unit 1 are not contiguous$/,
    ],
  ])('rejects %s naming the line', (_case, text, message) => {
    const parse = () => parseCmapssFile(text);

    expect(parse).toThrow(CmapssParseError);
    expect(parse).toThrow(message);
  });

  it('names the file in errors when given one', () => {
    expect(() => parseCmapssFile('1 1 2', 'data/bad.txt')).toThrow(
      /^data\/bad.txt:1: expected 26 columns/,
    );
  });

  it('reads the shipped FD001 training file: 100 units run to failure', async () => {
    const units = await readCmapssFile(
      join(__dirname, '../../../../..', 'models/data/cmapss/train_FD001.txt'),
    );

    expect(units).toHaveLength(100);
    expect(units.reduce((sum, u) => sum + u.rows.length, 0)).toBe(20631);
    expect(Math.min(...units.map((u) => u.rows.length))).toBe(128);
    expect(units.every((u) => u.rows.every((r, i) => r.cycle === i + 1))).toBe(true);
  });
});
