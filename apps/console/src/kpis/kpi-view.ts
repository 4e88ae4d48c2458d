import type { KpiResponse } from '@hourglass/contracts-api';

const DAY_MS = 86_400_000;

/** The periods the KPI screen offers, in days back from now. */
export const KPI_PERIODS = [30, 90, 365] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

/** `GET /api/kpis` for the `days` before `now` (whole minutes, so re-renders ask the same URL). */
export function kpiPath(days: KpiPeriod, now: number, assetType?: string): string {
  const to = Math.floor(now / 60_000) * 60_000;
  const params = new URLSearchParams({
    from: new Date(to - days * DAY_MS).toISOString(),
    to: new Date(to).toISOString(),
  });
  if (assetType?.trim()) params.set('assetType', assetType.trim());
  return `/api/kpis?${params}`;
}

/** How a KPI figure reads: hours, a share in per cent, or a count. */
export type KpiUnit = 'hours' | 'percent';

/** The headline figures in screen order, with their unit. */
export const KPI_FIGURES: ReadonlyArray<{
  key: keyof Pick<
    KpiResponse,
    | 'availability'
    | 'mtbfHours'
    | 'mttrHours'
    | 'meanDowntimeHours'
    | 'firstTimeFixRate'
    | 'predictiveHitRate'
    | 'pmCompliance'
  >;
  unit: KpiUnit;
}> = [
  { key: 'availability', unit: 'percent' },
  { key: 'mtbfHours', unit: 'hours' },
  { key: 'mttrHours', unit: 'hours' },
  { key: 'meanDowntimeHours', unit: 'hours' },
  { key: 'firstTimeFixRate', unit: 'percent' },
  { key: 'predictiveHitRate', unit: 'percent' },
  { key: 'pmCompliance', unit: 'percent' },
];

/** A figure as a number to show (percent scaled), or null when the API could not compute it. */
export function kpiValue(value: number | null, unit: KpiUnit): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return unit === 'percent' ? value * 100 : value;
}
