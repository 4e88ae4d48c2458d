import type { BaseStateCode, Category } from './billing-categories';
import type { Micros } from './billing-period';

export type EventKind = 'STATE' | 'HEARTBEAT' | 'HOUR_METER' | 'CORRECTION';

/**
 * A state event as stored (spec §1): append-only. `eventId` is unique per (asset, source);
 * a CORRECTION names the event it supersedes and carries the corrected payload.
 */
export interface BillingEvent {
  assetId: string;
  source: string;
  eventId: string;
  observedAtUs: Micros;
  receivedAtUs: Micros;
  kind: EventKind;
  /** STATE and HEARTBEAT (a heartbeat may confirm the current state). */
  state?: BaseStateCode | string | null;
  /** HOUR_METER: the meter reading in hours (decimal string or number). */
  meterHours?: number | null;
  /** CORRECTION: the event id (same asset and source) it supersedes. */
  supersedes?: string | null;
  /** Sort key after observedAt (the device's sequence number), when known. */
  seq?: number | null;
}

export type WindowKind = 'PLANNED_MAINT' | 'FORCE_MAJEURE' | 'CUSTOMER_STOP' | 'SUSPENDED';

/** An approved calendar window (spec §1), for one asset or (assetId null) every asset of the contract. */
export interface CalendarWindow {
  id: string;
  assetId: string | null;
  kind: WindowKind;
  startUs: Micros;
  /** The approved end. */
  endUs: Micros;
  /** When the work actually ended, if later than approved: the overrun is a forced outage. */
  actualEndUs?: Micros | null;
  /** When the window was announced (planned maintenance needs `plannedNoticeSeconds` of notice). */
  announcedAtUs: Micros;
  approvedBy: string;
  approvedAtUs: Micros;
}

/** A manual reclassification of an interval, with its reason and author (applied last). */
export interface CategoryOverride {
  id: string;
  assetId: string;
  startUs: Micros;
  endUs: Micros;
  category: Category;
  reason: string;
  author: string;
}

/** An asset's service life: time outside it is NOT_IN_SERVICE. */
export interface AssetService {
  assetId: string;
  commissionedAtUs: Micros | null;
  terminatedAtUs: Micros | null;
  /**
   * When given, the asset is in service only inside these half-open windows (`endUs` null: open-ended),
   * besides commissioned..terminated: e.g. the intervals a contract covered it. Left out: no such limit.
   */
  inService?: ReadonlyArray<{ startUs: Micros; endUs: Micros | null }>;
}
