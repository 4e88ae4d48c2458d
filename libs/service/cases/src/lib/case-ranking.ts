import type { MetricMove, RankedCode, RankedPart, ServiceCase } from './case.types';
import { patternSimilarity } from './telemetry-pattern';

/** How cases are weighed against an order. */
export interface RankingOptions {
  /**
   * Weight of a case whose pattern is nothing like the order's (default 0.1); a case's weight is
   * this plus its pattern similarity (0-1), so a case with the same pattern counts 11 times as much.
   */
  baseWeight?: number;
  /** Candidates kept per list (default 3 codes per level, parts 5). */
  codes?: number;
  parts?: number;
}

export const DEFAULT_RANKING_OPTIONS: Required<RankingOptions> = {
  baseWeight: 0.1,
  codes: 3,
  parts: 5,
};

/** The ranked candidates {@link rankCases} gives. */
export interface Ranking {
  problems: RankedCode[];
  causes: RankedCode[];
  remedies: RankedCode[];
  parts: RankedPart[];
  casesConsidered: number;
}

const round4 = (v: number) => Number(v.toFixed(4));

function ranked(weights: ReadonlyMap<string, number>, total: number, keep: number): RankedCode[] {
  return [...weights]
    .map(([code, w]) => ({ code, confidence: round4(w / total) }))
    .sort((a, b) => b.confidence - a.confidence || a.code.localeCompare(b.code))
    .slice(0, keep);
}

const add = (m: Map<string, number>, key: string | null, w: number) => {
  if (key !== null) m.set(key, (m.get(key) ?? 0) + w);
};

/**
 * Ranks problems, causes, remedies and parts over `cases` (one asset type and component), each case
 * weighted `baseWeight + patternSimilarity(case pattern, order pattern)`. A candidate's confidence
 * is the weight of the cases that reported it over the weight of all cases; a part's quantity is the
 * quantity the largest weight of its cases used (ties: the larger quantity). Best first, ties by code.
 */
export function rankCases(
  cases: readonly ServiceCase[],
  pattern: readonly MetricMove[],
  options: RankingOptions = {},
): Ranking {
  const o = { ...DEFAULT_RANKING_OPTIONS, ...options };
  const problems = new Map<string, number>();
  const causes = new Map<string, number>();
  const remedies = new Map<string, number>();
  const parts = new Map<string, Map<number, number>>();
  let total = 0;
  for (const c of cases) {
    const w = o.baseWeight + patternSimilarity(c.pattern, pattern);
    total += w;
    add(problems, c.problem, w);
    add(causes, c.cause, w);
    add(remedies, c.remedy, w);
    for (const p of c.parts) {
      const byQuantity = parts.get(p.partNumber) ?? new Map<number, number>();
      byQuantity.set(p.quantity, (byQuantity.get(p.quantity) ?? 0) + w);
      parts.set(p.partNumber, byQuantity);
    }
  }
  if (total === 0) return { problems: [], causes: [], remedies: [], parts: [], casesConsidered: 0 };
  const rankedParts: RankedPart[] = [...parts].map(([partNumber, byQuantity]) => {
    const [quantity] = [...byQuantity].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    const weight = [...byQuantity.values()].reduce((s, w) => s + w, 0);
    return { partNumber, quantity, confidence: round4(weight / total) };
  });
  return {
    problems: ranked(problems, total, o.codes),
    causes: ranked(causes, total, o.codes),
    remedies: ranked(remedies, total, o.codes),
    parts: rankedParts
      .sort((a, b) => b.confidence - a.confidence || a.partNumber.localeCompare(b.partNumber))
      .slice(0, o.parts),
    casesConsidered: cases.length,
  };
}
