import type { Category } from './billing-categories';
import { DEFAULT_CATEGORY_ORDER } from './billing-categories';
import type { Micros } from './billing-period';

/** How billable hours are rounded (spec §1, §5.1). */
export type RoundingMode = 'CEIL' | 'HALF_UP' | 'FLOOR';

/** What UNKNOWN time counts as in availability (spec §4). */
export type UnknownPolicy = 'EXCLUDE' | 'AVAILABLE' | 'UNAVAILABLE';

/** A graduated tier: hours up to `upToHours` (cumulative over the period; null = the rest) at `ratePerHour`. */
export interface RateTier {
  upToHours: string | null;
  ratePerHour: string;
}

/** A service-credit band: `lo <= A < hi` (fractions, e.g. 0.99 and 0.995) gives `pct` (a fraction) of the base. */
export interface CreditBand {
  lo: string;
  hi: string;
  pct: string;
}

/**
 * The commercial and technical terms of one contract version (spec §1). Amounts and rates are
 * decimal strings; nothing here is a binary float that money is computed from.
 */
export interface ContractTerms {
  /** IANA zone; the period is the calendar month there. */
  tz: string;
  currency: string;
  ratePerHour: string;
  /** Graduated tiers; when present they replace `ratePerHour`. */
  tiers?: RateTier[];
  /** Minimum usage charge per full period; the shortfall is a separate true-up line. */
  minimumCommitment: string;
  hoursBasis: 'STATE' | 'METER';
  /** Rounding unit in hours (default 0.1) and mode (default HALF_UP). */
  hourRoundingUnit: string;
  hourRoundingMode: RoundingMode;
  /** Availability target (fraction). */
  slaTarget: string;
  creditBands: CreditBand[];
  /** Largest credit as a fraction of the base. */
  creditCapPct: string;
  /** Credits below this amount are not issued. */
  creditMinAmount: string;
  plannedAllowanceSeconds: number;
  plannedNoticeSeconds: number;
  heartbeatTimeoutSeconds: number;
  unknownPolicy: UnknownPolicy;
  maxUnknownFraction: string;
  graceSeconds: number;
  lookbackPeriods: number;
  /** A revision's difference below this is a note only (spec §6). */
  materialityThreshold: string;
  /** Priority of the final categories, first match wins. */
  categoryOrder: Category[];
}

/** The defaults named in the spec, for terms a contract leaves out. */
export const DEFAULT_CONTRACT_TERMS: Omit<
  ContractTerms,
  'tz' | 'currency' | 'ratePerHour' | 'slaTarget'
> = {
  minimumCommitment: '0',
  hoursBasis: 'STATE',
  hourRoundingUnit: '0.1',
  hourRoundingMode: 'HALF_UP',
  creditBands: [],
  creditCapPct: '1',
  creditMinAmount: '0',
  plannedAllowanceSeconds: 0,
  plannedNoticeSeconds: 0,
  heartbeatTimeoutSeconds: 900,
  unknownPolicy: 'EXCLUDE',
  maxUnknownFraction: '0.05',
  graceSeconds: 72 * 3600,
  lookbackPeriods: 2,
  materialityThreshold: '1.00',
  categoryOrder: [...DEFAULT_CATEGORY_ORDER],
};

/** One effective-dated version of a contract: its terms hold in `[effectiveFromUs, effectiveToUs)`. */
export interface ContractVersion {
  contractId: string;
  version: number;
  effectiveFromUs: Micros;
  /** Null = open-ended. */
  effectiveToUs: Micros | null;
  terms: ContractTerms;
}

/** Fills the defaults of the spec into partial terms. */
export function withDefaultTerms(
  terms: Partial<ContractTerms> &
    Pick<ContractTerms, 'tz' | 'currency' | 'ratePerHour' | 'slaTarget'>,
): ContractTerms {
  return {
    ...DEFAULT_CONTRACT_TERMS,
    ...terms,
    categoryOrder: [...(terms.categoryOrder ?? DEFAULT_CATEGORY_ORDER)],
  };
}
