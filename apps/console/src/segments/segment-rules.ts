import type { RfmEntryResponse, SegmentRuleResponse } from '@hourglass/contracts-api';

/** The scores a rule bounds. */
export const SCORES = ['r', 'f', 'm'] as const;
export type Score = (typeof SCORES)[number];

/** A rule as the editor holds it: the inputs' text, an empty bound meaning "any". */
export interface RuleRow {
  /** Stable across moves, for React keys. */
  key: number;
  segment: string;
  min: Record<Score, string>;
  max: Record<Score, string>;
}

/** Where the API's refusal points: a rule and one of its fields (null: the list as a whole). */
export interface RuleError {
  row: number | null;
  field: 'segment' | Score | null;
  message: string;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const scores = (f: (s: Score) => string) =>
  Object.fromEntries(SCORES.map((s) => [s, f(s)])) as Record<Score, string>;

/** The editor's rows of `rules`, keys from `firstKey` on. */
export function rulesToRows(rules: readonly SegmentRuleResponse[], firstKey = 0): RuleRow[] {
  return rules.map((r, i) => ({
    key: firstKey + i,
    segment: r.segment,
    min: scores((s) => text(r.when[s]?.min)),
    max: scores((s) => text(r.when[s]?.max)),
  }));
}

/**
 * A bound's value as sent: an integer as a number; any other text as typed, so the API, the one
 * judge of the rules, refuses it with its own message rather than the console guessing.
 */
function boundValue(raw: string): number | string | undefined {
  const v = raw.trim();
  if (v === '') return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** The `PUT /api/segments/rules` body of the rows (segment names upper-cased, blanks trimmed). */
export function rowsToRules(rows: readonly RuleRow[]): unknown[] {
  return rows.map((row) => {
    const when: Record<string, Record<string, number | string>> = {};
    for (const s of SCORES) {
      const min = boundValue(row.min[s]);
      const max = boundValue(row.max[s]);
      if (min === undefined && max === undefined) continue;
      when[s] = {
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      };
    }
    return { segment: row.segment.trim().toUpperCase(), when };
  });
}

/**
 * Locates the API's message (`rules[2].when.f: min and max are scores 1-5`,
 * `rules[0].segment: ...`) on a row and field, so the editor shows it there.
 */
export function locateRuleError(message: string): RuleError {
  const m = /rules\[(\d+)\](?:\.(segment|when)(?:\.([rfm]))?)?/.exec(message);
  if (!m) return { row: null, field: null, message };
  const field = m[3] ? (m[3] as Score) : m[2] === 'segment' ? 'segment' : null;
  return { row: Number(m[1]), field, message };
}

/** The rows with row `index` moved by `by` (-1 up, +1 down); unchanged at either end. */
export function moveRow<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/** How many customers each segment has, largest first (then by name). */
export function segmentCounts(items: readonly RfmEntryResponse[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.segment, (counts.get(i.segment) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
