import type { HistoryRow } from '@hourglass/risk-features';
import type { TelemetryRow } from '@hourglass/telemetry-store';
import type { ScoringCandidate } from './risk-score.repository';

/** One asset's history ready to score: the rows of the unit installed now. */
export interface ScoringWindow {
  candidate: ScoringCandidate;
  history: HistoryRow[];
  /** Timestamp (epoch ms) of each history row. */
  times: number[];
  lastTs: number;
  msPerCycle: number;
  installedAt?: number;
}

/** The rows of the unit installed now; null when there is nothing to score (or it already failed). */
export function toWindow(
  candidate: ScoringCandidate,
  rows: readonly TelemetryRow[],
  ageMetric: string,
): ScoringWindow | null {
  const last = rows[rows.length - 1];
  if (!last || last.state === 'FAULT') return null;
  const aged = rows.filter((r) => Number.isFinite(r.metrics[ageMetric]));
  let start = 0;
  for (let i = 1; i < aged.length; i++)
    if (aged[i].metrics[ageMetric] < aged[i - 1].metrics[ageMetric]) start = i;
  const unit = aged.slice(start);
  if (unit.length === 0) return null;
  const first = unit[0];
  const lastRow = unit[unit.length - 1];
  const cycles = lastRow.metrics[ageMetric] - first.metrics[ageMetric];
  const installed =
    first.metrics[ageMetric] <= 1 &&
    (candidate.installedAt === null || first.ts > candidate.installedAt);
  return {
    candidate,
    history: unit.map((r) => ({ cycle: r.metrics[ageMetric], metrics: r.metrics })),
    times: unit.map((r) => r.ts),
    lastTs: lastRow.ts,
    msPerCycle: cycles > 0 ? (lastRow.ts - first.ts) / cycles : 1000,
    ...(installed ? { installedAt: first.ts } : {}),
  };
}
