import type { CaseHitRate, DiagnosisMetric, MetricMove, TelemetryPoint } from './case.types';

/**
 * The `q`-quantile (0-1) of `values` by linear interpolation between closest ranks (the default of
 * numpy and R's type 7); null for no values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lower = Math.floor(at);
  const upper = Math.ceil(at);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (at - lower);
}

const round = (v: number | null) => (v === null ? null : Number(v.toFixed(6)));

/**
 * The evidence behind an order, per metric: its trend (from `moves`), its latest value, the fleet's
 * normal range (5th-95th percentile of every sample of the other assets in `fleet`) and since when
 * it has stayed outside that range, on the side of its latest sample, up to that sample. Kept: metrics that moved or are outside
 * the range; outside first, then moved, each by name.
 */
export function diagnoseMetrics(
  asset: readonly TelemetryPoint[],
  fleet: readonly TelemetryPoint[],
  moves: readonly MetricMove[],
): DiagnosisMetric[] {
  const ordered = [...asset].sort((a, b) => a.ts - b.ts);
  const metrics = new Set(ordered.flatMap((p) => Object.keys(p.metrics)));
  const byMetric = new Map(moves.map((m) => [m.metric, m]));
  const out: DiagnosisMetric[] = [];
  for (const metric of metrics) {
    const series = ordered.filter((p) => Number.isFinite(p.metrics[metric]));
    if (series.length === 0) continue;
    const pooled = fleet.map((p) => p.metrics[metric]).filter((v) => Number.isFinite(v));
    const p5 = quantile(pooled, 0.05);
    const p95 = quantile(pooled, 0.95);
    // -1 below the range, 1 above, 0 inside (or no range): the run counts on the latest one's side.
    const side = (v: number) => (p5 === null || p95 === null ? 0 : v < p5 ? -1 : v > p95 ? 1 : 0);
    const latestSide = side(series[series.length - 1].metrics[metric]);
    let since: number | null = null;
    for (let i = series.length - 1; i >= 0 && latestSide !== 0; i--) {
      if (side(series[i].metrics[metric]) !== latestSide) break;
      since = series[i].ts;
    }
    const move = byMetric.get(metric) ?? null;
    if (!move && since === null) continue;
    out.push({
      metric,
      move,
      latest: series[series.length - 1].metrics[metric],
      fleetP5: round(p5),
      fleetP95: round(p95),
      outsideSince: since === null ? null : new Date(since).toISOString(),
    });
  }
  const rank = (m: DiagnosisMetric) => (m.outsideSince ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.metric.localeCompare(b.metric));
}

/** One completed order that had a suggestion: its top suggested and its reported problem and cause. */
export interface SuggestionOutcome {
  suggestedProblem: string | null;
  suggestedCause: string | null;
  reportedProblem: string;
  reportedCause: string | null;
}

/**
 * Hit rate of the suggestions: the share of completed orders whose top suggested problem (cause)
 * is the one reported; a cause hit needs a reported cause (a report that stops at the problem is a
 * cause miss). Rates over all such orders, 4 places; null without orders.
 */
export function hitRate(outcomes: readonly SuggestionOutcome[]): CaseHitRate {
  const problemHits = outcomes.filter((o) => o.suggestedProblem === o.reportedProblem).length;
  const causeHits = outcomes.filter(
    (o) => o.reportedCause !== null && o.suggestedCause === o.reportedCause,
  ).length;
  const rate = (hits: number) =>
    outcomes.length === 0 ? null : Number((hits / outcomes.length).toFixed(4));
  return {
    orders: outcomes.length,
    problemHits,
    causeHits,
    problemHitRate: rate(problemHits),
    causeHitRate: rate(causeHits),
  };
}
