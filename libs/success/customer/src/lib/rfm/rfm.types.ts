/** A bound on one RFM score (1-5), inclusive; a side left out is open. */
export interface ScoreBound {
  min?: number;
  max?: number;
}

/** One segment rule: the segment a customer gets when every bound it names holds. */
export interface SegmentRule {
  segment: string;
  when: { r?: ScoreBound; f?: ScoreBound; m?: ScoreBound };
}

/**
 * The segments of spec section 7, as data: the first rule that matches wins, so `CHAMPIONS` is
 * tried before `LOYAL`. A customer no rule matches is `OTHER`.
 */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = Object.freeze([
  { segment: 'CHAMPIONS', when: { r: { min: 4 }, f: { min: 4 }, m: { min: 4 } } },
  { segment: 'LOYAL', when: { f: { min: 4 } } },
  { segment: 'PROMISING', when: { r: { min: 4 }, f: { max: 2 } } },
  { segment: 'NEEDS_ATTENTION', when: { r: { min: 3, max: 3 } } },
  { segment: 'AT_RISK', when: { r: { max: 2 }, f: { min: 3 } } },
  { segment: 'HIBERNATING', when: { r: { max: 2 }, f: { max: 2 } } },
]);

/** The segment of a customer no rule matches. */
export const UNSEGMENTED = 'OTHER';

/** A paid service event of a customer: an issued invoice, a billable order, a part sold. */
export interface PaidServiceEvent {
  tenantId: string;
  /** ISO 8601 when it was earned (an invoice: its period's end). */
  at: string;
  /** Revenue, in the provider's currency (a decimal number). */
  amount: number;
  /** What it was, for the evidence: e.g. `contract acme-c 2026-05`. */
  ref: string;
}

/** A customer's RFM figures over the rolling 12 months, with its scores and segment. */
export interface RfmEntry {
  tenantId: string;
  /** Days since the last paid service event; null when there was none in the 12 months. */
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
}
