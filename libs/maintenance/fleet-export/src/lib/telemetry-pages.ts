import type { TelemetryRange, TelemetryRow, TelemetryStore } from '@hourglass/telemetry-store';

/** Rows per store query of {@link telemetryPages} unless told otherwise. */
export const DEFAULT_PAGE_SIZE = 10_000;

/**
 * One device's telemetry in `range`, oldest first, `pageSize` rows per store query: each page
 * starts 1 ms after the last row of the previous one (rows are keyed by device and millisecond),
 * so a year of a dense device never sits in memory whole.
 */
export async function* telemetryPages(
  store: TelemetryStore,
  deviceId: string,
  range: Omit<TelemetryRange, 'limit' | 'newest'>,
  pageSize: number = DEFAULT_PAGE_SIZE,
): AsyncGenerator<TelemetryRow[]> {
  let from = range.from;
  while (from < range.to) {
    const rows = await store.query(deviceId, { ...range, from, limit: pageSize });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    from = rows[rows.length - 1].ts + 1;
  }
}
