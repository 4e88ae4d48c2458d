import type {
  CaseSuggestionResponse,
  DiagnosisMetricResponse,
  MetricMoveResponse,
} from '@hourglass/contracts-api';

/** The case library's search form. */
export interface CaseSearch {
  assetType: string;
  component: string;
  failureCode: string;
  q: string;
}

export const EMPTY_SEARCH: CaseSearch = { assetType: '', component: '', failureCode: '', q: '' };

/** `GET /api/cases` with the filled fields of the form (trimmed), newest first. */
export function casesPath(search: CaseSearch): string {
  const params = new URLSearchParams();
  for (const key of ['assetType', 'component', 'failureCode', 'q'] as const) {
    const value = search[key].trim();
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `/api/cases?${query}` : '/api/cases';
}

/** How a move's direction is drawn. */
export const ARROW = { UP: '↑', DOWN: '↓' } as const;

/** A confidence (0-1) as a whole percentage. */
export const percent = (confidence: number): number => Math.round(confidence * 100);

/** One line of the suggested panel: a level, its best candidate and the runners-up. */
export interface SuggestionLine {
  level: 'problem' | 'cause' | 'remedy';
  best: { code: string; pct: number } | null;
  others: Array<{ code: string; pct: number }>;
}

/** The suggestion's problem, cause and remedy lines, best candidate first. */
export function suggestionLines(s: CaseSuggestionResponse): SuggestionLine[] {
  const line = (level: SuggestionLine['level'], ranked: CaseSuggestionResponse['problems']) => {
    const [best, ...others] = ranked.map((r) => ({ code: r.code, pct: percent(r.confidence) }));
    return { level, best: best ?? null, others };
  };
  return [line('problem', s.problems), line('cause', s.causes), line('remedy', s.remedies)];
}

/** Where a metric's latest value sits against the fleet range. */
export type RangePosition = 'above' | 'below' | 'inside' | 'unknown';

/** One row of the diagnosis panel. */
export interface DiagnosisRow {
  metric: string;
  /** Signed % of the level per day, 1 decimal; null when it did not move. */
  ratePctPerDay: number | null;
  direction: MetricMoveResponse['direction'] | null;
  latest: number;
  range: { p5: number; p95: number } | null;
  position: RangePosition;
  outsideSince: string | null;
}

/** The diagnosis metrics as rows, with where each latest value sits against the fleet's range. */
export function diagnosisRows(metrics: readonly DiagnosisMetricResponse[]): DiagnosisRow[] {
  return metrics.map((m) => {
    const range =
      m.fleetP5 === null || m.fleetP95 === null ? null : { p5: m.fleetP5, p95: m.fleetP95 };
    const position: RangePosition = !range
      ? 'unknown'
      : m.latest > range.p95
        ? 'above'
        : m.latest < range.p5
          ? 'below'
          : 'inside';
    return {
      metric: m.metric,
      ratePctPerDay: m.move ? Math.round(m.move.relativeRatePerDay * 1000) / 10 : null,
      direction: m.move?.direction ?? null,
      latest: m.latest,
      range,
      position,
      outsideSince: m.outsideSince,
    };
  });
}
