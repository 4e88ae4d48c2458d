import {
  NO_CARRY_IN,
  emptyColumns,
  normalizeEvents,
  type AssetInput,
  type AssetService,
  type BillingPeriod,
  type ContractTerms,
  type EventColumns,
  type Micros,
  type RatingInput,
} from '@hourglass/billing-uptime';
import type { BillingRunInputs } from './billing-run';
import type { BillingStores } from './billing-stores';
import { microsToIso } from './billing-time';
import type { Contract, CoveredAsset, CoverageWindow } from './contract.repository';
import type { PeriodEvents } from './period-events.reader';

/** A contract period prepared for rating: everything but the rating itself. */
export interface PreparedPeriod {
  contract: Contract;
  period: BillingPeriod;
  terms: ContractTerms;
  input: RatingInput & { assets: AssetInput[] };
  inputs: BillingRunInputs;
}

/** What a run reads from the stores for one contract period. */
export interface LoadedPeriod {
  contract: Contract;
  period: BillingPeriod;
  versions: Awaited<ReturnType<BillingStores['versions']['list']>>;
  inForce: LoadedPeriod['versions'];
  inPeriod: Array<CoveredAsset & { service: AssetService }>;
  windows: Awaited<ReturnType<BillingStores['calendar']['windows']>>;
  overrides: Awaited<ReturnType<BillingStores['calendar']['overrides']>>;
  events: PeriodEvents;
  cutoffUs: number;
}

/** An open period is rated at least to the start of the current minute: calls within a minute without new data share a run. */
const DRAFT_RESOLUTION_MS = 60_000;

/**
 * The part of a period rated so far: up to now floored to the minute, or to the last message
 * observed if later; the whole period once it has ended. Nothing is carried into the future.
 */
function toDate(period: BillingPeriod, nowMs: number, latestObservedUs: Micros): BillingPeriod {
  let endUs = Math.max(
    period.startUs,
    Math.floor(nowMs / DRAFT_RESOLUTION_MS) * DRAFT_RESOLUTION_MS * 1000,
  );
  if (latestObservedUs > endUs) endUs = latestObservedUs;
  return endUs >= period.endUs ? period : { ...period, endUs: Math.max(endUs, period.startUs + 1) };
}

/** The run's inputs name coverage that does not span the period (for `changes`); none when it does. */
function coverageNote(
  assetId: string,
  coverage: CoverageWindow[] | null,
  period: BillingPeriod,
): string[] {
  const inside = (coverage ?? []).filter(
    (w) => w.startUs < period.endUs && (w.endUs === null || w.endUs > period.startUs),
  );
  if (
    inside.length === 1 &&
    inside[0].startUs <= period.startUs &&
    (inside[0].endUs === null || inside[0].endUs >= period.endUs)
  )
    return [];
  return inside.map(
    (w) => `${assetId} ${microsToIso(w.startUs)}..${w.endUs === null ? '' : microsToIso(w.endUs)}`,
  );
}

/** The columns of events observed before `endUs` (columns are in time order): a view, not a copy. */
function columnsBefore(cols: EventColumns, endUs: Micros): EventColumns {
  let lo = 0;
  let hi = cols.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cols.atUs[mid] < endUs) lo = mid + 1;
    else hi = mid;
  }
  return lo === cols.length ? cols : { ...cols, length: lo };
}

/** The engine's input for a loaded period, rated to date or (`wholePeriod`) for the whole month. */
export function buildPrepared(
  loaded: LoadedPeriod,
  nowMs: number,
  wholePeriod: boolean,
): PreparedPeriod {
  const { contract, period, versions, inForce, inPeriod, windows, overrides, events, cutoffUs } =
    loaded;
  const rated = wholePeriod ? period : toDate(period, nowMs, events.latestObservedUs);
  // Carry-in and corrected assets go the general way; the period's columns are normalised already.
  const normalized = normalizeEvents(events.objects, rated.startUs, rated.endUs, cutoffUs);
  const assets: AssetInput[] = inPeriod.map((a) => {
    const read = events.columns.get(a.assetId);
    const general = normalized.assets.get(a.assetId);
    return {
      assetId: a.assetId,
      service: a.service,
      events: read ? columnsBefore(read, rated.endUs) : (general?.events ?? emptyColumns(0)),
      carryIn: general?.carryIn ?? NO_CARRY_IN,
    };
  });
  const relevant = <T extends { startUs: number; endUs: number }>(x: T) =>
    x.startUs < period.endUs && x.endUs > period.startUs;
  const input = {
    contractId: contract.id,
    period: rated,
    versions,
    assets,
    windows: windows.filter(
      (w) => w.startUs < period.endUs && Math.max(w.endUs, w.actualEndUs ?? 0) > period.startUs,
    ),
    overrides: overrides.filter(relevant),
    quarantined: normalized.quarantined,
  };
  const inputs: BillingRunInputs = {
    events: { ...events.counts },
    windows: input.windows.map((w) => w.id),
    overrides: input.overrides.map((o) => o.id),
    versions: inForce.map((v) => v.version),
    quarantined: normalized.quarantined.length,
    appliedAdjustments: [],
    ratedTo: rated === period ? null : new Date(rated.endUs / 1000).toISOString(),
    coverage: inPeriod.flatMap((a) => coverageNote(a.assetId, a.coverage, period)),
  };
  return { contract, period, terms: inForce[inForce.length - 1].terms, input, inputs };
}
