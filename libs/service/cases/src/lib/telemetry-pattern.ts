import type { MetricMove, TelemetryPoint } from './case.types';

/** When a metric counts as moved. */
export interface PatternOptions {
  /**
   * The least-squares slope must be at least this many standard errors from 0 (|t|, default 3):
   * a trend counts against the metric's own noise around it, never against its mean level, which
   * may be ~0 (an operating setting) and would turn noise into a huge relative change.
   */
  minTStatistic?: number;
  /** Fewer samples of a metric than this say nothing about it (default 3; the fit needs 3 for a noise estimate). */
  minSamples?: number;
  /**
   * Metrics that are never a move (default `['cycle']`, the age counter the fleet's telemetry
   * carries and risk scoring reads as its age): a counter rises on a noiseless line in every
   * window, so in noise units it would outweigh every sensor and make all patterns alike.
   */
  ignoreMetrics?: readonly string[];
}

export const DEFAULT_PATTERN_OPTIONS: Required<PatternOptions> = {
  minTStatistic: 3,
  minSamples: 3,
  ignoreMetrics: ['cycle'],
};

const DAY_MS = 86_400_000;
/** A noiseless fit (a synthetic straight line) counts its noise as this share of its scale, so its figures stay finite. */
const NOISE_FLOOR = 1e-9;
const round = (v: number, places = 6) => Number(v.toFixed(places));

/** A least-squares line through one metric's samples. */
interface Fit {
  slope: number;
  mean: number;
  /** Residual standard deviation (n - 2 degrees of freedom), floored at {@link NOISE_FLOOR} of the scale. */
  noise: number;
  /** The slope over its standard error. */
  t: number;
  /** Fitted change from the first to the last sample. */
  change: number;
}

/** The least-squares fit of `ys` over `xs` (n >= 3); null without spread in time. */
function fit(xs: readonly number[], ys: readonly number[]): Fit | null {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i] - my - slope * (xs[i] - mx)) ** 2;
  const change = slope * (Math.max(...xs) - Math.min(...xs));
  const scale = Math.max(Math.abs(my), Math.abs(change), Number.MIN_VALUE);
  const noise = Math.max(Math.sqrt(sse / (n - 2)), NOISE_FLOOR * scale);
  return { slope, mean: my, noise, t: slope / (noise / Math.sqrt(sxx)), change };
}

/** Each metric's finite samples of `points`, in the order given. */
function seriesOf(points: readonly TelemetryPoint[]) {
  const series = new Map<string, { xs: number[]; ys: number[] }>();
  for (const p of points)
    for (const [metric, value] of Object.entries(p.metrics)) {
      if (!Number.isFinite(value)) continue;
      const s = series.get(metric) ?? { xs: [], ys: [] };
      s.xs.push(p.ts);
      s.ys.push(value);
      series.set(metric, s);
    }
  return series;
}

/**
 * The metrics that moved in `points` (one asset's samples over a window): per metric the
 * least-squares line, kept when its slope's t statistic reaches `minTStatistic` (the trend stands
 * out of the metric's own residual noise); `ignoreMetrics` (counters) never move. Each move carries its change in the metric's unit and
 * in residual standard deviations (`standardisedChange`, what {@link patternSimilarity} compares)
 * and, for display, its rate relative to the mean level (0 when the mean is 0). Strongest (by
 * |standardisedChange|) first, ties by name.
 */
export function metricMoves(
  points: readonly TelemetryPoint[],
  options: PatternOptions = {},
): MetricMove[] {
  const { minTStatistic, minSamples, ignoreMetrics } = { ...DEFAULT_PATTERN_OPTIONS, ...options };
  const moves: MetricMove[] = [];
  for (const [metric, { xs, ys }] of seriesOf(points)) {
    if (xs.length < Math.max(3, minSamples) || ignoreMetrics.includes(metric)) continue;
    const f = fit(xs, ys);
    if (!f || f.slope === 0 || Math.abs(f.t) < minTStatistic) continue;
    moves.push({
      metric,
      direction: f.change > 0 ? 'UP' : 'DOWN',
      change: round(f.change),
      relativeRatePerDay: f.mean === 0 ? 0 : round((f.slope * DAY_MS) / Math.abs(f.mean)),
      samples: xs.length,
      standardisedChange: round(f.change / f.noise, 4),
      tStatistic: round(f.t, 4),
    });
  }
  const strength = (m: MetricMove) => Math.abs(m.standardisedChange ?? 0);
  return moves.sort((a, b) => strength(b) - strength(a) || a.metric.localeCompare(b.metric));
}

/**
 * How alike two patterns are, 0-1: the cosine of their signed standardised changes (change in
 * the metric's residual standard deviations) over the union of their metrics (a metric only one
 * of them moved counts 0 in the other), negative values as 0 (the same metrics moving the opposite
 * way is no likeness). Patterns stored before moves carried `standardisedChange` compare on their
 * relative rates, as they were made. 0 when either moved nothing.
 */
export function patternSimilarity(a: readonly MetricMove[], b: readonly MetricMove[]): number {
  const standardised = [...a, ...b].every((m) => m.standardisedChange !== undefined);
  const value = (m: MetricMove) =>
    standardised ? (m.standardisedChange as number) : m.relativeRatePerDay;
  const ra = new Map(a.map((m) => [m.metric, value(m)]));
  const rb = new Map(b.map((m) => [m.metric, value(m)]));
  let dot = 0;
  for (const [metric, v] of ra) dot += v * (rb.get(metric) ?? 0);
  const norm = (r: Map<string, number>) =>
    Math.sqrt([...r.values()].reduce((s, v) => s + v * v, 0));
  const denominator = norm(ra) * norm(rb);
  return denominator === 0 ? 0 : Math.max(0, dot / denominator);
}
