import type { ServiceGroupFiguresResponse } from '@hourglass/contracts-api';

const DAY_MS = 86_400_000;

/** The group of the provider's own team in `byPartner`. */
export const OWN_TEAM = 'own-team';

/** The periods the service-network screen offers, in days back from now. */
export const NETWORK_PERIODS = [30, 90, 365] as const;
export type NetworkPeriod = (typeof NETWORK_PERIODS)[number];

/**
 * `GET /api/service-network/figures` for the `days` before now, up to the end of the current minute
 * (so re-renders ask the same URL and what happened this minute counts).
 */
export function figuresPath(days: NetworkPeriod, now: number): string {
  const to = Math.floor(now / 60_000) * 60_000 + 60_000;
  const params = new URLSearchParams({
    from: new Date(to - days * DAY_MS).toISOString(),
    to: new Date(to).toISOString(),
  });
  return `/api/service-network/figures?${params}`;
}

/** One row of a group table: the group's name and its first-time fix and response figures. */
export interface GroupRow {
  name: string;
  /** First-time fix rate in %, null when no order was attempted. */
  firstTimeFixPct: number | null;
  fixedFirstTime: number;
  attempted: number;
  meanResponseHours: number | null;
  orders: number;
}

/**
 * The groups of a `byPartner` / `byRegion` record as rows: the busiest first (orders responded to,
 * then attempted), ties by name, so the table reads the same on every load.
 */
export function groupRows(
  groups: Readonly<Record<string, ServiceGroupFiguresResponse>>,
): GroupRow[] {
  return Object.entries(groups)
    .map(([name, g]) => ({
      name,
      firstTimeFixPct: g.firstTimeFix.rate === null ? null : g.firstTimeFix.rate * 100,
      fixedFirstTime: g.firstTimeFix.fixedFirstTime,
      attempted: g.firstTimeFix.attempted,
      meanResponseHours: g.responseTime.meanHours,
      orders: g.responseTime.orders,
    }))
    .sort(
      (a, b) =>
        b.orders - a.orders ||
        b.attempted - a.attempted ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}
