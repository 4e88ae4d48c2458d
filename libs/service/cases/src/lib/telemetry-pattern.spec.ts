import type { MetricMove, TelemetryPoint } from './case.types';
import { metricMoves, patternSimilarity } from './telemetry-pattern';
import { toMove } from './case-scenario.fixture';

const DAY = 86_400_000;
const CYCLE = DAY;

/** Deterministic standard-normal draws (mulberry32 + Box-Muller), so a noise series is the same every run. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** 60 cycles of a channel: `level` plus a linear change of `change` over the window plus noise of `sd`. */
type Channel = { level: number; change: number; sd: number };
function window60(channels: Record<string, Channel>, seed: number): TelemetryPoint[] {
  const z = normals(seed);
  return Array.from({ length: 60 }, (_, i) => ({
    ts: i * CYCLE,
    metrics: Object.fromEntries(
      Object.entries(channels).map(([m, c]) => [m, c.level + (c.change * i) / 59 + c.sd * z()]),
    ),
  }));
}

describe(metricMoves.name, () => {
  // T30 100, 101, 102 over days 0-2: a noiseless line, UP, 1/101 of its level per day.
  // Nf flat (no slope). T50 has 2 samples (no noise estimate).
  const points: TelemetryPoint[] = [
    { ts: 0, metrics: { T30: 100, Nf: 2000, T50: 1400 } },
    { ts: DAY, metrics: { T30: 101, Nf: 2000 } },
    { ts: 2 * DAY, metrics: { T30: 102, Nf: 2000, T50: 1500 } },
  ];

  it('keeps a clean trend with its change, relative rate and standardised figures', () => {
    const [t30, ...others] = metricMoves(points);
    expect(others).toEqual([]);
    expect(t30).toMatchObject({
      metric: 'T30',
      direction: 'UP',
      change: 2,
      relativeRatePerDay: 0.009901,
      samples: 3,
    });
    expect(t30.standardisedChange).toBeGreaterThan(1e6);
  });

  it('does not count a noisy channel with a mean near 0 as moved (an operating setting)', () => {
    // setting2 of C-MAPSS: mean ~0, noise 0.0003, no trend; T30 flat at a high level.
    const window = window60(
      { setting2: { level: 0, change: 0, sd: 0.0003 }, T30: { level: 1590, change: 0, sd: 6 } },
      7,
    );
    expect(metricMoves(window)).toEqual([]);
  });

  it('counts a real trend at 0.5 % of the level with low noise as moved', () => {
    const window = window60({ T50: { level: 1400, change: 7, sd: 0.5 } }, 11);
    const [t50] = metricMoves(window);
    expect(t50).toMatchObject({ metric: 'T50', direction: 'UP', samples: 60 });
    expect(t50.change / 1400).toBeLessThan(0.01);
    expect(t50.tStatistic).toBeGreaterThan(3);
  });

  it('keeps weaker trends under a lower t threshold and drops them under a higher one', () => {
    const window = window60({ s11: { level: 47.5, change: 0.1, sd: 0.25 } }, 3);
    const [weak] = metricMoves(window, { minTStatistic: 0 });
    expect(metricMoves(window, { minTStatistic: Math.abs(weak.tStatistic ?? 0) + 0.01 })).toEqual(
      [],
    );
  });

  it('leaves out the age counter, which rises on a noiseless line in every window', () => {
    const window = window60({ T50: { level: 1400, change: 7, sd: 0.5 } }, 11).map((p, i) => ({
      ...p,
      metrics: { ...p.metrics, cycle: 150 + i },
    }));
    expect(metricMoves(window).map((m) => m.metric)).toEqual(['T50']);
    expect(metricMoves(window, { ignoreMetrics: [] }).map((m) => m.metric)).toEqual([
      'cycle',
      'T50',
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

  it('is the cosine of the signed standardised changes over the union of metrics', () => {
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

  it('compares patterns stored without standardised changes on their relative rates', () => {
    const old = (m: MetricMove): MetricMove => ({
      metric: m.metric,
      direction: m.direction,
      change: m.change,
      relativeRatePerDay: m.relativeRatePerDay,
      samples: m.samples,
    });
    const a = p({ T30: 0.03, T50: 0.04 }).map(old);
    expect(patternSimilarity(a, p({ T30: 0.03 }))).toBeCloseTo(0.6, 12);
  });

  it('tells a T50-led wear pattern from a T30-led one despite noisy near-zero settings', () => {
    // Wear at the end of a life: both temperatures rise, one leads; the settings only jitter.
    const settings = {
      setting1: { level: 0, change: 0, sd: 0.002 },
      setting2: { level: 0, change: 0, sd: 0.0003 },
    };
    const hot = { s4: { level: 1405, change: 30, sd: 3 }, s3: { level: 1590, change: 6, sd: 3 } };
    const compressor = {
      s4: { level: 1405, change: 6, sd: 3 },
      s3: { level: 1590, change: 30, sd: 3 },
    };
    const pattern = (wear: Record<string, Channel>, seed: number) =>
      metricMoves(window60({ ...settings, ...wear }, seed));
    const sameLead = patternSimilarity(pattern(hot, 1), pattern(hot, 2));
    const otherLead = patternSimilarity(pattern(hot, 1), pattern(compressor, 3));
    expect(sameLead).toBeGreaterThan(0.9);
    expect(otherLead).toBeLessThan(sameLead - 0.2);
  });
});
