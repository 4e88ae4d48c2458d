import { syntheticTrajectory, type HistoryRow } from '@hourglass/risk-features';
import { holdOutHistories } from './history-input';

const histories = () =>
  new Map<string, HistoryRow[]>(
    ['1', '2', '3', '10'].map((id, i) => [id, syntheticTrajectory({ length: 40, seed: i + 1 })]),
  );

describe(holdOutHistories.name, () => {
  it('removes the listed histories and returns their ids', () => {
    const sut = histories();

    expect(holdOutHistories(sut, '10, 2')).toEqual(['10', '2']);
    expect([...sut.keys()]).toEqual(['1', '3']);
  });

  it('keeps every history without --hold-out', () => {
    const sut = histories();

    expect(holdOutHistories(sut, undefined)).toEqual([]);
    expect(sut.size).toBe(4);
  });

  it('refuses ids not in the data and then removes none', () => {
    const sut = histories();

    expect(() => holdOutHistories(sut, '2,42')).toThrow('--hold-out: no history "42" in the data');
    expect(sut.size).toBe(4);
  });
});
