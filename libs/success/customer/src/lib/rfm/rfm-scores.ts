import type { PaidServiceEvent, RfmEntry, ScoreBound, SegmentRule } from './rfm.types';
import { UNSEGMENTED } from './rfm.types';

const DAY_MS = 86_400_000;

/**
 * Quintile scores 1-5 among `values`: 1 + floor(5 x (customers with a worse value) / customers).
 * Equal values share a score, so the scores do not depend on how ties were ordered.
 */
export function quintileScores(values: readonly number[], better: 'higher' | 'lower'): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = values.length;
  /** How many values are below `v` (`strict`) or at most `v`. */
  const count = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid] < v : sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const worse = (v: number) => (better === 'higher' ? count(v, true) : n - count(v, false));
  return values.map((v) => 1 + Math.floor((5 * worse(v)) / n));
}

const holds = (score: number, bound?: ScoreBound) =>
  !bound || ((bound.min ?? -Infinity) <= score && score <= (bound.max ?? Infinity));

/** The segment of the first rule whose bounds all hold, else {@link UNSEGMENTED}. */
export function segmentOf(
  scores: { r: number; f: number; m: number },
  rules: readonly SegmentRule[],
): string {
  const rule = rules.find(
    (x) => holds(scores.r, x.when.r) && holds(scores.f, x.when.f) && holds(scores.m, x.when.m),
  );
  return rule?.segment ?? UNSEGMENTED;
}

/**
 * RFM per customer over the 12 months before `asOfMs` (spec section 7): recency in whole days since
 * the last paid event (none: the worst recency), frequency = count, monetary = revenue; each scored
 * by quintile among `tenantIds` (every customer of the provider, with or without events).
 */
export function rfmEntries(
  tenantIds: readonly string[],
  events: readonly PaidServiceEvent[],
  asOfMs: number,
  rules: readonly SegmentRule[],
): RfmEntry[] {
  const fromMs = asOfMs - 365 * DAY_MS;
  const stats = new Map(tenantIds.map((t) => [t, { last: -Infinity, f: 0, cents: 0 }]));
  for (const e of events) {
    const at = Date.parse(e.at);
    const s = stats.get(e.tenantId);
    if (!s || at <= fromMs || at > asOfMs) continue;
    s.last = Math.max(s.last, at);
    s.f += 1;
    s.cents += Math.round(e.amount * 100);
  }
  const ids = [...stats.keys()].sort();
  const rows = ids.map((t) => stats.get(t) ?? { last: -Infinity, f: 0, cents: 0 });
  const recency = rows.map((s) => (s.f ? Math.floor((asOfMs - s.last) / DAY_MS) : null));
  // No event in 12 months: worse than any recency, so treated as 366 days.
  const r = quintileScores(
    recency.map((d) => d ?? 366),
    'lower',
  );
  const f = quintileScores(
    rows.map((s) => s.f),
    'higher',
  );
  const m = quintileScores(
    rows.map((s) => s.cents),
    'higher',
  );
  return ids.map((tenantId, i) => ({
    tenantId,
    recencyDays: recency[i],
    frequency: rows[i].f,
    monetary: rows[i].cents / 100,
    r: r[i],
    f: f[i],
    m: m[i],
    segment: segmentOf({ r: r[i], f: f[i], m: m[i] }, rules),
  }));
}
