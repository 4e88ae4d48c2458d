import { CmapssParseError } from './cmapss-parser';

/**
 * Parses a C-MAPSS RUL file (`RUL_FD00x.txt`): one number per line, the true remaining useful
 * life after the last cycle of each test unit, in unit order. Blank lines are ignored.
 *
 * @param source optional file name used in error messages
 * @throws CmapssParseError naming the line of a value that is not a RUL (negative, not a number)
 */
export function parseRulFile(text: string, source?: string): number[] {
  const values: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const value = Number(line);
    if (!Number.isFinite(value) || value < 0) {
      throw new CmapssParseError(index + 1, `"${line}" is not a RUL`, source);
    }
    values.push(value);
  });
  return values;
}
