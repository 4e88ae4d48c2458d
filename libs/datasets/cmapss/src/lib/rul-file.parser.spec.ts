import { CmapssParseError } from './cmapss-parser';
import { parseRulFile } from './rul-file.parser';

describe(parseRulFile.name, () => {
  it('reads one RUL per line', () => {
    expect(parseRulFile('112\n98\r\n69\n\n')).toEqual([112, 98, 69]);
  });

  it('rejects values that are not a RUL', () => {
    expect(() => parseRulFile('12\n-3\n')).toThrow(/line 2/);
    expect(() => parseRulFile('12\n\nabc\n', 'RUL_x.txt')).toThrow(
      new CmapssParseError(3, '"abc" is not a RUL', 'RUL_x.txt'),
    );
  });
});
