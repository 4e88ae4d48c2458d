import { parseTaskCost, TaskCostError } from './task-cost';

describe(parseTaskCost.name, () => {
  it('keeps decimal strings and numbers exactly, with two decimals', () => {
    expect(parseTaskCost('1250.5')).toBe('1250.50');
    expect(parseTaskCost(' 0 ')).toBe('0.00');
    expect(parseTaskCost('12.500')).toBe('12.50');
    expect(parseTaskCost(0.1)).toBe('0.10');
    expect(parseTaskCost(1234.56)).toBe('1234.56');
    expect(parseTaskCost('9999999999999999.99')).toBe('9999999999999999.99');
  });

  it('refuses what it could not store exactly, negatives and non-numbers', () => {
    for (const bad of [
      '12.345',
      -1,
      '-0.01',
      '1e3',
      1e21,
      1e-7,
      '',
      'abc',
      '1,50',
      Number.NaN,
      Infinity,
      '10000000000000000',
      0.125,
    ]) {
      expect(() => parseTaskCost(bad)).toThrow(TaskCostError);
    }
    expect(() => parseTaskCost('12.345')).toThrow(/at most 2 decimals/);
  });
});
