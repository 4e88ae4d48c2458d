import type { RfmEntryResponse } from '@hourglass/contracts-api';
import { locateRuleError, moveRow, rowsToRules, rulesToRows, segmentCounts } from './segment-rules';

describe('segment rules editor', () => {
  it('turns rules into rows and back, an absent bound as an empty field', () => {
    const rules = [
      { segment: 'CHAMPIONS', when: { r: { min: 4 }, f: { min: 4, max: 5 } } },
      { segment: 'LOST', when: {} },
    ];
    const rows = rulesToRows(rules, 7);
    expect(rows[0]).toEqual({
      key: 7,
      segment: 'CHAMPIONS',
      min: { r: '4', f: '4', m: '' },
      max: { r: '', f: '5', m: '' },
    });
    expect(rowsToRules(rows)).toEqual(rules);
  });

  it('sends what is not an integer as typed, for the API to refuse', () => {
    const [row] = rulesToRows([{ segment: ' new_one ', when: {} }]);
    row.min.m = ' 2 ';
    row.max.m = '4.5';
    row.max.r = 'x';
    expect(rowsToRules([row])).toEqual([
      { segment: 'NEW_ONE', when: { r: { max: 'x' }, m: { min: 2, max: '4.5' } } },
    ]);
  });

  it("places the API's message on the rule and field it names", () => {
    expect(locateRuleError('rules[2].when.f: min and max are scores 1-5')).toEqual({
      row: 2,
      field: 'f',
      message: 'rules[2].when.f: min and max are scores 1-5',
    });
    expect(locateRuleError('rules[0].segment: A-Z, 0-9 and _, 1-40')).toMatchObject({
      row: 0,
      field: 'segment',
    });
    expect(locateRuleError('rules[3].when: bounds on r, f and m only')).toMatchObject({
      row: 3,
      field: null,
    });
    expect(locateRuleError('rules: an array of 1 to 50 rules')).toMatchObject({
      row: null,
      field: null,
    });
  });

  it('moves a rule up or down, not past either end', () => {
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRow(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveRow(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });

  it('counts customers per segment, largest first', () => {
    const e = (segment: string) => ({ segment }) as RfmEntryResponse;
    expect(segmentCounts([e('OTHER'), e('LOYAL'), e('LOYAL'), e('AT_RISK')])).toEqual([
      ['LOYAL', 2],
      ['AT_RISK', 1],
      ['OTHER', 1],
    ]);
  });
});
