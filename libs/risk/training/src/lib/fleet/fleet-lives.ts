import { HistoryRow } from '@hourglass/risk-features';
import { FailureLabel, TelemetryRecord } from './fleet-records';

/** One installed unit's life on an asset: its rows from installation to the end. */
export interface UnitLife {
  /** `asset#n`, n counting the asset's lives from 1. */
  id: string;
  asset: string;
  /** Rows oldest first; `cycle` is the row's position in the life (1-based), i.e. the unit's age. */
  rows: HistoryRow[];
  /** How the life ended: a failure (run to failure), or censored (replaced without a confirmed defect, or still running). */
  end: 'failure' | 'censored';
  /** Calendar time covered by the rows, in years. */
  years: number;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/**
 * Splits each asset's telemetry into unit lives at its labels: a failure, or a replacement with
 * a confirmed defect, ends a life that ran to failure; a replacement without one ends a censored
 * life; rows after the last label form a censored life (still running). Each row counts as one
 * cycle, so RUL is measured in rows: export one row per operating cycle (or per fixed interval).
 */
export function splitUnitLives(
  records: readonly TelemetryRecord[],
  labels: readonly FailureLabel[],
): UnitLife[] {
  const byAsset = groupBy(records, (r) => r.asset);
  const labelsByAsset = groupBy(labels, (l) => l.asset);
  const lives: UnitLife[] = [];
  for (const asset of [...byAsset.keys()].sort()) {
    const rows = (byAsset.get(asset) ?? []).slice().sort((a, b) => a.ts - b.ts);
    const ends = (labelsByAsset.get(asset) ?? []).slice().sort((a, b) => a.ts - b.ts);
    let start = 0;
    const close = (stop: number, end: UnitLife['end']) => {
      const part = rows.slice(start, stop);
      start = stop;
      if (part.length === 0) return;
      lives.push({
        id: `${asset}#${lives.filter((l) => l.asset === asset).length + 1}`,
        asset,
        rows: part.map((r, i) => ({ cycle: i + 1, metrics: r.metrics })),
        end,
        years: (part[part.length - 1].ts - part[0].ts) / YEAR_MS,
      });
    };
    for (const label of ends) {
      let stop = start;
      while (stop < rows.length && rows[stop].ts <= label.ts) stop++;
      const failed = label.kind === 'failure' || label.confirmedDefect === true;
      close(stop, failed ? 'failure' : 'censored');
    }
    close(rows.length, 'censored');
  }
  return lives;
}

/** Metric names present in the lives whose readings vary (candidates for sensors). */
export function varyingMetrics(lives: readonly UnitLife[]): string[] {
  const seen = new Map<string, { min: number; max: number }>();
  for (const life of lives) {
    for (const row of life.rows) {
      for (const [name, v] of Object.entries(row.metrics)) {
        const range = seen.get(name) ?? { min: v, max: v };
        range.min = Math.min(range.min, v);
        range.max = Math.max(range.max, v);
        seen.set(name, range);
      }
    }
  }
  return [...seen]
    .filter(([, r]) => r.max > r.min)
    .map(([name]) => name)
    .sort();
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k) ?? [];
    group.push(item);
    groups.set(k, group);
  }
  return groups;
}
