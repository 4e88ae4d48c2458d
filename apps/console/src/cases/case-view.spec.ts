import type { CaseSuggestionResponse } from '@hourglass/contracts-api';
import { casesPath, diagnosisRows, EMPTY_SEARCH, suggestionLines } from './case-view';

describe('case view', () => {
  it('puts only the filled search fields in the query, trimmed and encoded', () => {
    expect(casesPath(EMPTY_SEARCH)).toBe('/api/cases');
    expect(casesPath({ ...EMPTY_SEARCH, component: ' hpc-module ', q: 'salt & sand' })).toBe(
      '/api/cases?component=hpc-module&q=salt+%26+sand',
    );
  });

  it('gives each level its best candidate in whole percent, and none when nothing was reported', () => {
    const s = {
      problems: [
        { code: 'HPC-EFFICIENCY-LOSS', confidence: 0.9167 },
        { code: 'HPC-STALL', confidence: 0.0833 },
      ],
      causes: [],
      remedies: [{ code: 'HPC-WASH', confidence: 0.355 }],
    } as unknown as CaseSuggestionResponse;
    expect(suggestionLines(s)).toEqual([
      {
        level: 'problem',
        best: { code: 'HPC-EFFICIENCY-LOSS', pct: 92 },
        others: [{ code: 'HPC-STALL', pct: 8 }],
      },
      { level: 'cause', best: null, others: [] },
      { level: 'remedy', best: { code: 'HPC-WASH', pct: 36 }, others: [] },
    ]);
  });

  it('places each latest value against the fleet range and gives the rate in % per day', () => {
    const move = {
      metric: 'T30',
      direction: 'UP' as const,
      change: 6,
      relativeRatePerDay: 0.699029,
      samples: 3,
    };
    const rows = diagnosisRows([
      { metric: 'T30', move, latest: 106, fleetP5: 100.1, fleetP95: 101.9, outsideSince: 'x' },
      { metric: 'P30', move: null, latest: 40, fleetP5: 41, fleetP95: 45, outsideSince: 'y' },
      { metric: 'Nf', move: null, latest: 2000, fleetP5: 1990, fleetP95: 2010, outsideSince: null },
      {
        metric: 'T50',
        move: null,
        latest: 1400,
        fleetP5: null,
        fleetP95: null,
        outsideSince: null,
      },
    ]);
    expect(rows.map((r) => [r.metric, r.position, r.ratePctPerDay, r.direction])).toEqual([
      ['T30', 'above', 69.9, 'UP'],
      ['P30', 'below', null, null],
      ['Nf', 'inside', null, null],
      ['T50', 'unknown', null, null],
    ]);
  });
});
