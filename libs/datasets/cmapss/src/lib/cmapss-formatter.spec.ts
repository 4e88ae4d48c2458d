import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCmapssFile } from './cmapss-formatter';
import { parseCmapssFile } from './cmapss-parser';

describe(formatCmapssFile.name, () => {
  it('writes units that parse back to the same units, cycles and values', () => {
    const units = parseCmapssFile(
      readFileSync(join(__dirname, '__fixtures__', 'three-units.txt'), 'utf8'),
    );

    const text = formatCmapssFile(units);

    const strip = (u: typeof units) =>
      u.map(({ unit, rows }) => ({
        unit,
        rows: rows.map(({ cycle, values }) => ({ cycle, values })),
      }));
    expect(strip(parseCmapssFile(text))).toEqual(strip(units));
    expect(text.split('\n')[0]).toBe(`1 1 ${units[0].rows[0].values.join(' ')}`);
  });
});
