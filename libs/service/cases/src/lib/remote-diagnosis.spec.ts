import { toMove } from './case-scenario.fixture';
import { diagnoseMetrics, hitRate, quantile } from './remote-diagnosis';

const HOUR = 3_600_000;

describe(quantile.name, () => {
  it('interpolates between closest ranks', () => {
    const values = [109, 100, 101, 102, 103, 104, 105, 106, 107, 108, 110];
    // 11 values: rank (11 - 1) x 0.05 = 0.5 -> 100.5; rank 9.5 -> 109.5
    expect(quantile(values, 0.05)).toBeCloseTo(100.5, 12);
    expect(quantile(values, 0.95)).toBeCloseTo(109.5, 12);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe(diagnoseMetrics.name, () => {
  // The fleet: T30 100..110 (range 100.5-109.5), P30 40..50 (40.5-49.5), T50 1390..1410 (1391-1409).
  const fleet = Array.from({ length: 11 }, (_, i) => ({
    ts: i * HOUR,
    metrics: { T30: 100 + i, P30: 40 + i, T50: 1390 + 2 * i },
  }));
  // T30 leaves the range at 2 h and stays out; T50 was out and came back; P30 moved inside the range.
  const asset = [
    { ts: 3 * HOUR, metrics: { T30: 112, P30: 45, T50: 1400 } },
    { ts: 0, metrics: { T30: 105, P30: 48, T50: 1500 } },
    { ts: 1 * HOUR, metrics: { T30: 108, P30: 47, T50: 1400 } },
    { ts: 2 * HOUR, metrics: { T30: 111, P30: 46, T50: 1400 } },
  ];
  const t30 = toMove({ metric: 'T30', relativeRatePerDay: 0.2 });
  const p30 = toMove({ metric: 'P30', relativeRatePerDay: -0.1 });

  it('gives outside-range metrics since when they left it, then moved ones inside it', () => {
    expect(diagnoseMetrics(asset, fleet, [p30, t30])).toEqual([
      {
        metric: 'T30',
        move: t30,
        latest: 112,
        fleetP5: 100.5,
        fleetP95: 109.5,
        outsideSince: new Date(2 * HOUR).toISOString(),
      },
      { metric: 'P30', move: p30, latest: 45, fleetP5: 40.5, fleetP95: 49.5, outsideSince: null },
    ]);
  });

  it('counts the run outside on the side of the latest sample only', () => {
    const crossing = [
      { ts: 0, metrics: { T30: 99 } },
      { ts: HOUR, metrics: { T30: 111 } },
    ];
    expect(diagnoseMetrics(crossing, fleet, [])[0].outsideSince).toBe(new Date(HOUR).toISOString());
  });

  it('has no range, and so nothing outside it, without a fleet', () => {
    expect(diagnoseMetrics(asset, [], [])).toEqual([]);
  });
});

describe(hitRate.name, () => {
  it('counts a hit when the top suggestion is the reported problem or cause', () => {
    const order = (sp: string, sc: string | null, rp: string, rc: string | null) => ({
      suggestedProblem: sp,
      suggestedCause: sc,
      reportedProblem: rp,
      reportedCause: rc,
    });
    expect(
      hitRate([
        order('A', 'A1', 'A', 'A1'),
        order('A', 'A1', 'A', 'A2'),
        order('A', null, 'B', null),
      ]),
    ).toEqual({
      orders: 3,
      problemHits: 2,
      causeHits: 1,
      problemHitRate: 0.6667,
      causeHitRate: 0.3333,
    });
    expect(hitRate([]).problemHitRate).toBeNull();
  });
});
