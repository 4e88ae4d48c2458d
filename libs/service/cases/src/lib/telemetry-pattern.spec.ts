import type { TelemetryPoint } from './case.types';
import { metricMoves, patternSimilarity } from './telemetry-pattern';
import { toMove } from './case-scenario.fixture';

const DAY = 86_400_000;

describe(metricMoves.name, () => {
  // T30 100, 101, 102 over days 0-2: slope 1/day, mean 101, change 2 >= 1 % of 101: UP, 1/101 per day.
  // P30 50, 50, 49.7: slope -0.15/day, change -0.3 < 1 % of 49.9: not moved. Nf flat. T50 has 2 samples.
  const points: TelemetryPoint[] = [
    { ts: 0, metrics: { T30: 100, P30: 50, Nf: 2000, T50: 1400 } },
    { ts: DAY, metrics: { T30: 101, P30: 50, Nf: 2000 } },
    { ts: 2 * DAY, metrics: { T30: 102, P30: 49.7, Nf: 2000, T50: 1500 } },
  ];

  it('keeps the metrics whose fitted change reaches 1 % of their level, with their relative rate', () => {
    expect(metricMoves(points)).toEqual([
      { metric: 'T30', direction: 'UP', change: 2, relativeRatePerDay: 0.009901, samples: 3 },
    ]);
  });

  it('keeps smaller moves under a lower threshold, fastest first', () => {
    const moves = metricMoves(points, { minRelativeChange: 0.005 });
    expect(moves.map((m) => [m.metric, m.direction, m.relativeRatePerDay])).toEqual([
      ['T30', 'UP', 0.009901],
      ['P30', 'DOWN', -0.003006],
    ]);
  });

  it('says nothing of a window without samples', () => {
    expect(metricMoves([])).toEqual([]);
  });
});

describe(patternSimilarity.name, () => {
  const p = (rates: Record<string, number>) =>
    Object.entries(rates).map(([metric, relativeRatePerDay]) =>
      toMove({ metric, relativeRatePerDay }),
    );

  it('is the cosine of the signed relative rates over the union of metrics', () => {
    expect(
      patternSimilarity(p({ T30: 0.02, P30: -0.01 }), p({ T30: 0.04, P30: -0.02 })),
    ).toBeCloseTo(1, 12);
    // .03 x .03 / (sqrt(.03² + .04²) x .03) = .0009 / .0015
    expect(patternSimilarity(p({ T30: 0.03, T50: 0.04 }), p({ T30: 0.03 }))).toBeCloseTo(0.6, 12);
  });

  it('is 0 for opposite moves, other metrics or an empty pattern', () => {
    expect(patternSimilarity(p({ T30: 0.02 }), p({ T30: -0.02 }))).toBe(0);
    expect(patternSimilarity(p({ T30: 0.02 }), p({ T50: 0.02 }))).toBe(0);
    expect(patternSimilarity(p({ T30: 0.02 }), [])).toBe(0);
  });
});
