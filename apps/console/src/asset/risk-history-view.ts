import type { AssetScoreHistoryResponse, TaskResponse } from '@hourglass/contracts-api';
import type { ChartMark, ChartSeries } from '../components/TimeSeriesChart';
import { RANGES } from './telemetry-view';

/** The range buttons of the risk history: the API answers hours up to 90 days, days beyond. */
export type ScoreRangeKey = '7d' | '30d' | '1y';
export const SCORE_RANGES: readonly ScoreRangeKey[] = ['7d', '30d', '1y'];

/** The score history query of a range ending now (RFC 3339 bounds, as the route takes them). */
export function scoresPath(assetId: string, range: ScoreRangeKey, nowMs: number): string {
  const params = new URLSearchParams({
    from: new Date(nowMs - RANGES[range]).toISOString(),
    to: new Date(nowMs).toISOString(),
  });
  return `/api/assets/${encodeURIComponent(assetId)}/scores?${params.toString()}`;
}

/** The two charts' lines: risk (probability, 0-1) and RUL (cycles), named by the caller's labels. */
export function scoreSeries(
  items: AssetScoreHistoryResponse['items'],
  names: { risk: string; rul: string },
): { risk: ChartSeries[]; rul: ChartSeries[] } {
  const points = items.map((p) => ({ ...p, ts: Date.parse(p.scoredAt) }));
  return {
    risk: [
      { name: names.risk, points: points.map((p): [number, number] => [p.ts, p.probability]) },
    ],
    rul: [{ name: names.rul, points: points.map((p): [number, number] => [p.ts, p.rul]) }],
  };
}

/** A mark at each order raised within [fromMs, toMs), oldest first, labelled with its component. */
export function orderMarks(
  orders: readonly Pick<TaskResponse, 'component' | 'createdAt'>[],
  fromMs: number,
  toMs: number,
): ChartMark[] {
  return orders
    .map((o) => ({ at: Date.parse(o.createdAt), label: o.component }))
    .filter((m) => m.at >= fromMs && m.at < toMs)
    .sort((a, b) => a.at - b.at);
}
