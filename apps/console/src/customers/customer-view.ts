import type {
  ChurnRisk,
  ChurnWarningResponse,
  RfmEntryResponse,
  SegmentsResponse,
} from '@hourglass/contracts-api';

const DAY_MS = 86_400_000;

/** One customer in the account manager's list: its RFM segment and its worst churn warning. */
export interface CustomerRow {
  tenantId: string;
  rfm: RfmEntryResponse | null;
  /** The highest churn risk among the customer's and its contracts' warnings; null: none. */
  risk: ChurnRisk | null;
  /** Points of that warning. */
  points: number;
  warnings: number;
}

const RISK_RANK: Record<ChurnRisk, number> = { HIGH: 3, MEDIUM: 2, LOW: 1 };
const rank = (risk: ChurnRisk | null) => (risk ? RISK_RANK[risk] : 0);

/**
 * Every customer the segments or the churn warnings name, riskiest first (risk, then points), then
 * by tenant id: the account manager's work list.
 */
export function customerRows(
  segments: SegmentsResponse,
  warnings: readonly ChurnWarningResponse[],
): CustomerRow[] {
  const rows = new Map<string, CustomerRow>();
  const row = (tenantId: string) => {
    let r = rows.get(tenantId);
    if (!r) rows.set(tenantId, (r = { tenantId, rfm: null, risk: null, points: 0, warnings: 0 }));
    return r;
  };
  for (const entry of segments.items) row(entry.tenantId).rfm = entry;
  for (const w of warnings) {
    const r = row(w.tenantId);
    r.warnings += 1;
    if (rank(w.risk) > rank(r.risk) || (w.risk === r.risk && w.points > r.points)) {
      r.risk = w.risk;
      r.points = w.points;
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      rank(b.risk) - rank(a.risk) ||
      b.points - a.points ||
      (a.tenantId < b.tenantId ? -1 : a.tenantId > b.tenantId ? 1 : 0),
  );
}

/** A customer's warnings: the customer's own first, then its contracts', riskiest first. */
export function warningsOf(
  tenantId: string,
  warnings: readonly ChurnWarningResponse[],
): ChurnWarningResponse[] {
  return warnings
    .filter((w) => w.tenantId === tenantId)
    .sort(
      (a, b) =>
        Number(a.contractId !== null) - Number(b.contractId !== null) ||
        rank(b.risk) - rank(a.risk) ||
        b.points - a.points,
    );
}

/** How a value of an input or evidence reads: numbers and strings as they are, lists joined. */
export function inputText(value: unknown, formatNumber: (n: number) => string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value
      .map((v) => inputText(v, formatNumber))
      .join(typeof value[0] === 'object' ? '; ' : ', ');
  }
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k} ${inputText(v, formatNumber)}`)
    .join(', ');
}

/** Whether an input is a list of records (periods, answers), shown one record a line. */
export function isRecordList(value: unknown): value is Array<Record<string, unknown>> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  );
}

/** The entries of an inputs or evidence object in a stable order (the API's keys sorted). */
export function inputEntries(inputs: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The periods the NPS figures offer, in days back from now. */
export const NPS_PERIODS = [90, 365] as const;
export type NpsPeriod = (typeof NPS_PERIODS)[number];

/** `GET /api/nps` for the `days` before `now` (whole minutes, so re-renders ask the same URL). */
export function npsPath(days: NpsPeriod, now: number): string {
  const to = Math.floor(now / 60_000) * 60_000 + 60_000;
  const params = new URLSearchParams({
    from: new Date(to - days * DAY_MS).toISOString(),
    to: new Date(to).toISOString(),
  });
  return `/api/nps?${params}`;
}
