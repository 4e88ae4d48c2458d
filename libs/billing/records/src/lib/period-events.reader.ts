import type { BillingEvent, EventColumns, Micros } from '@hourglass/billing-uptime';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import { PeriodColumnsReader } from './period-columns.reader';
import { StateEventRepository } from './state-event.repository';

/**
 * The events a contract period's run depends on (spec §3.1), as read: most assets' period events as
 * engine columns, everything else as objects for `normalizeEvents`.
 */
export interface PeriodEvents {
  /** Events observed in the period of the assets without corrections, ordered and de-duplicated. */
  columns: ReadonlyMap<string, EventColumns>;
  /** The carry-in of those assets, and every event of the assets with corrections. */
  objects: BillingEvent[];
  /** Events read per asset, assets without any left out, in the database's asset id order. */
  counts: Record<string, number>;
  /** The latest observed time of any event read; -Infinity when none. */
  latestObservedUs: Micros;
}

/** {@link PeriodEvents} while pages are added to it. */
type ReadingEvents = PeriodEvents & { columns: Map<string, EventColumns> };

/** One page of assets as read, before it is merged. */
interface FetchedPage {
  page: readonly string[];
  around: BillingEvent[];
  corrected: ReadonlySet<string>;
  columns: Map<string, EventColumns>;
  general: BillingEvent[];
}

/** Every event as an object (the general path, as runs read them before columns). */
export function periodEventsOf(events: BillingEvent[]): PeriodEvents {
  const counts: Record<string, number> = {};
  let latestObservedUs = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    counts[e.assetId] = (counts[e.assetId] ?? 0) + 1;
    if (e.observedAtUs > latestObservedUs) latestObservedUs = e.observedAtUs;
  }
  return { columns: new Map(), objects: events, counts, latestObservedUs };
}

/** Options of {@link PeriodEventReader}. */
export interface PeriodEventReaderOptions {
  /** Assets read per statement (default 25: a month of one-minute data is ~0.9 MB of columns per asset). */
  pageAssets?: number;
  /** Pages read at the same time (default 2: the server's work is most of a run's). */
  parallelPages?: number;
  /**
   * Read packed days (`state_event_days`, see `StateEventDayCompactor`) where they give exactly the
   * events the raw rows would (default true); false reads raw rows only.
   */
  dayBlocks?: boolean;
}

/**
 * Reads a period's events a page of assets at a time (two or three statements per page): the carry-in and
 * corrections as objects, then the period's events as packed columns for assets without
 * corrections, or as objects (the general path, where corrections are applied) for those with.
 */
export class PeriodEventReader {
  private readonly events: StateEventRepository;
  private readonly columns: PeriodColumnsReader;
  private readonly pageAssets: number;
  private readonly parallelPages: number;

  constructor(
    private readonly db: SqlDatabase,
    options: PeriodEventReaderOptions = {},
  ) {
    this.events = new StateEventRepository(db);
    this.columns = new PeriodColumnsReader(db, options.dayBlocks ?? true);
    this.pageAssets = Math.max(1, options.pageAssets ?? 25);
    this.parallelPages = Math.max(1, options.parallelPages ?? 2);
  }

  async read(
    scope: Scope,
    assetIds: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<PeriodEvents> {
    const read: ReadingEvents = {
      columns: new Map(),
      objects: [],
      counts: {},
      latestObservedUs: Number.NEGATIVE_INFINITY,
    };
    const ordered = await this.inDatabaseOrder(assetIds);
    const pages: string[][] = [];
    for (let from = 0; from < ordered.length; from += this.pageAssets)
      pages.push(ordered.slice(from, from + this.pageAssets));
    // Pages in flight together run on separate PostgreSQL backends (PGlite queues them).
    for (let p = 0; p < pages.length; p += this.parallelPages) {
      const batch = pages.slice(p, p + this.parallelPages);
      const fetched = await Promise.all(
        batch.map((page) => this.fetchPage(scope, page, startUs, endUs, cutoffUs)),
      );
      for (const f of fetched) this.merge(read, f);
    }
    return read;
  }

  /** Asset ids sorted as the database sorts them, so that `counts` keeps the order it always had. */
  private async inDatabaseOrder(assetIds: readonly string[]): Promise<string[]> {
    if (assetIds.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(
      `select distinct a.id from unnest($1::text[]) as a(id) order by a.id`,
      [[...assetIds]],
    );
    return rows.map((r) => r.id);
  }

  /** The page's events as the database gives them; merged in page order by {@link merge}. */
  private async fetchPage(
    scope: Scope,
    page: readonly string[],
    startUs: Micros,
    endUs: Micros,
    cutoffUs: Micros,
  ): Promise<FetchedPage> {
    const around = await this.events.carryInAndCorrections(scope, page, startUs, endUs, cutoffUs);
    const corrected = new Set(around.filter((e) => e.kind === 'CORRECTION').map((e) => e.assetId));
    const plain = page.filter((id) => !corrected.has(id));
    const columns = await this.columns.columns(scope, plain, startUs, endUs, cutoffUs);
    const general =
      corrected.size === 0
        ? []
        : await this.events.events(scope, [...corrected], startUs, endUs, cutoffUs);
    return { page, around, corrected, columns, general };
  }

  private merge(read: ReadingEvents, fetched: FetchedPage): void {
    const { page, around, corrected, columns, general } = fetched;
    const counts = new Map<string, number>();
    const add = (e: BillingEvent) => {
      counts.set(e.assetId, (counts.get(e.assetId) ?? 0) + 1);
      if (e.observedAtUs > read.latestObservedUs) read.latestObservedUs = e.observedAtUs;
      read.objects.push(e);
    };
    for (const e of around) if (!corrected.has(e.assetId)) add(e);
    for (const e of general) add(e);
    for (const [assetId, cols] of columns) {
      read.columns.set(assetId, cols);
      counts.set(assetId, (counts.get(assetId) ?? 0) + cols.length);
      const last = cols.atUs[cols.length - 1];
      if (last > read.latestObservedUs) read.latestObservedUs = last;
    }
    for (const id of page) {
      const n = counts.get(id);
      if (n) read.counts[id] = n;
    }
  }
}
