import type { MetricMove, TelemetryPoint } from './case.types';

/** When a metric counts as moved. */
export interface PatternOptions {
  /** The fitted change over the window must reach this share of the mean level (default 0.01 = 1 %). */
  minRelativeChange?: number;
  /** Fewer samples of a metric than this say nothing about it (default 3). */
  minSamples?: number;
}

export const DEFAULT_PATTERN_OPTIONS: Required<PatternOptions> = {
  minRelativeChange: 0.01,
  minSamples: 3,
};

const DAY_MS = 86_400_000;
const round = (v: number, places = 6) => Number(v.toFixed(places));

/** Least-squares slope (per ms) and mean of `ys` over `xs`; null without spread in time. */
function trend(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; mean: number } | null {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx === 0 ? null : { slope: sxy / sxx, mean: my };
}

/**
 * The metrics that moved in `points` (one asset's samples over a window): per metric the
 * least-squares trend, kept when the fitted change from the first to the last sample reaches
 * `minRelativeChange` of the mean level. A metric whose mean is 0 has no relative rate and is left
 * out. Fastest (by relative rate) first, ties by name.
 */
export function metricMoves(
  points: readonly TelemetryPoint[],
  options: PatternOptions = {},
): MetricMove[] {
  const { minRelativeChange, minSamples } = { ...DEFAULT_PATTERN_OPTIONS, ...options };
  const series = new Map<string, { xs: number[]; ys: number[] }>();
  for (const p of points)
    for (const [metric, value] of Object.entries(p.metrics)) {
      if (!Number.isFinite(value)) continue;
      const s = series.get(metric) ?? { xs: [], ys: [] };
      s.xs.push(p.ts);
      s.ys.push(value);
      series.set(metric, s);
    }
  const moves: MetricMove[] = [];
  for (const [metric, { xs, ys }] of series) {
    if (xs.length < minSamples) continue;
    const t = trend(xs, ys);
    if (!t || t.mean === 0) continue;
    const change = t.slope * (Math.max(...xs) - Math.min(...xs));
    if (Math.abs(change) < minRelativeChange * Math.abs(t.mean)) continue;
    moves.push({
      metric,
      direction: change > 0 ? 'UP' : 'DOWN',
      change: round(change),
      relativeRatePerDay: round((t.slope * DAY_MS) / Math.abs(t.mean)),
      samples: xs.length,
    });
  }
  return moves.sort(
    (a, b) =>
      Math.abs(b.relativeRatePerDay) - Math.abs(a.relativeRatePerDay) ||
      a.metric.localeCompare(b.metric),
  );
}

/**
 * How alike two patterns are, 0-1: the cosine of their signed relative rates over the union of
 * their metrics (a metric only one of them moved counts 0 in the other), negative values as 0 (the
 * same metrics moving the opposite way is no likeness). 0 when either moved nothing.
 */
export function patternSimilarity(a: readonly MetricMove[], b: readonly MetricMove[]): number {
  const rates = (p: readonly MetricMove[]) =>
    new Map(p.map((m) => [m.metric, m.relativeRatePerDay]));
  const ra = rates(a);
  const rb = rates(b);
  let dot = 0;
  for (const [metric, rate] of ra) dot += rate * (rb.get(metric) ?? 0);
  const norm = (r: Map<string, number>) =>
    Math.sqrt([...r.values()].reduce((s, v) => s + v * v, 0));
  const denominator = norm(ra) * norm(rb);
  return denominator === 0 ? 0 : Math.max(0, dot / denominator);
}
