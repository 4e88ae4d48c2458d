import { rankCases } from './case-ranking';
import { loadSuggestionScenarios } from './case-scenario.fixture';

describe(rankCases.name, () => {
  describe.each(loadSuggestionScenarios().map((s) => [s.name, s] as const))('%s', (_, scenario) => {
    it('ranks the hand-computed candidates, weighted by pattern similarity', () => {
      expect(rankCases(scenario.cases, scenario.orderPattern)).toEqual(scenario.raw.expected);
    });
  });

  it('counts every case alike when the order moved nothing (frequency, ties by code)', () => {
    const [scenario] = loadSuggestionScenarios();
    const sut = rankCases(scenario.cases, []);
    expect(sut.problems).toEqual([
      { code: 'HPC-EFFICIENCY-LOSS', confidence: 0.5 },
      { code: 'HPC-STALL', confidence: 0.5 },
    ]);
    expect(sut.causes.map((c) => [c.code, c.confidence])).toEqual([
      ['HPC-BLADE-DAMAGE', 0.25],
      ['HPC-BLADE-EROSION', 0.25],
      ['HPC-FOULING', 0.25],
    ]);
  });

  it('suggests nothing without cases', () => {
    expect(rankCases([], [])).toEqual({
      problems: [],
      causes: [],
      remedies: [],
      parts: [],
      casesConsidered: 0,
    });
  });
});
