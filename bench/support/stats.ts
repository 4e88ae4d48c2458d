/** The p-th percentile (0..100) of `values` by nearest rank; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Rounds to `digits` decimals, keeping null. */
export function round(value: number | null | undefined, digits = 1): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// Log-spaced buckets from 0.1 ms to ~100 s, 20 per decade: about 6 % wide, enough for p50/p99.
const PER_DECADE = 20;
const MIN_MS = 0.1;
const BUCKETS = 6 * PER_DECADE + 1;

/** A mergeable latency histogram in milliseconds (counts per log bucket), cheap per observation. */
export class LatencyHistogram {
  readonly counts: number[];

  constructor(counts?: readonly number[]) {
    this.counts = counts ? [...counts] : new Array<number>(BUCKETS).fill(0);
  }

  observe(ms: number): void {
    const i =
      ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log10(ms / MIN_MS) * PER_DECADE));
    this.counts[i]++;
  }

  merge(other: { counts: readonly number[] }): void {
    other.counts.forEach((c, i) => (this.counts[i] += c));
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }

  /** Upper edge of the bucket holding the p-th percentile, in ms; null when empty. */
  percentile(p: number): number | null {
    const total = this.total;
    if (total === 0) return null;
    const target = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= target) return MIN_MS * 10 ** (i / PER_DECADE);
    }
    return null;
  }
}
