import Decimal from 'decimal.js';
import { CATEGORIES, type Category } from './billing-categories';
import type { RatedInterval } from './category-resolver';
import type { ContractTerms } from './contract-terms';

/** Integer microseconds per category; BigInt because a fleet's month overflows 2^53 µs. */
export type CategoryMicros = Record<Category, bigint>;

export function zeroMicros(): CategoryMicros {
  return Object.fromEntries(CATEGORIES.map((c) => [c, 0n])) as CategoryMicros;
}

/** Adds an asset's intervals into `into` (per category). */
export function addIntervals(into: CategoryMicros, intervals: readonly RatedInterval[]): void {
  for (const r of intervals) into[r.category] += BigInt(r.endUs - r.startUs);
}

/** Availability and completeness of a period (spec §4), for one asset or a fleet (seconds added, never percentages averaged). */
export interface PeriodFigures {
  /** Seconds per category (decimal strings, exact to the microsecond). */
  seconds: Record<Category, string>;
  availableSeconds: string;
  unavailableSeconds: string;
  /** A = Ta / (Ta + Tu), unrounded (40 significant digits); "1" with noRequiredTime when Ta + Tu = 0. */
  availability: string;
  /** A in percent floored to 0.001 % (never overstated), for display. */
  availabilityPct: string;
  noRequiredTime: boolean;
  /** S(RUN) / 3600, exact. */
  runHours: string;
  /** 1 - S(UNKNOWN) / (period - S(NOT_IN_SERVICE)); "1" when nothing was in service. */
  completeness: string;
  unknownFraction: string;
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const seconds = (us: bigint) => new D(us.toString()).div(1_000_000);

export function periodFigures(
  micros: CategoryMicros,
  terms: Pick<ContractTerms, 'unknownPolicy'>,
): PeriodFigures {
  let available = micros.RUN + micros.STANDBY;
  let unavailable = micros.FORCED_OUTAGE;
  if (terms.unknownPolicy === 'UNAVAILABLE') unavailable += micros.UNKNOWN;
  if (terms.unknownPolicy === 'AVAILABLE') available += micros.UNKNOWN;
  const required = available + unavailable;
  const noRequiredTime = required === 0n;
  const a = noRequiredTime ? new D(1) : new D(available.toString()).div(required.toString());
  let total = 0n;
  for (const c of CATEGORIES) total += micros[c];
  const inService = total - micros.NOT_IN_SERVICE;
  const unknownFraction =
    inService === 0n ? new D(0) : new D(micros.UNKNOWN.toString()).div(inService.toString());
  return {
    seconds: Object.fromEntries(
      CATEGORIES.map((c) => [c, seconds(micros[c]).toString()]),
    ) as Record<Category, string>,
    availableSeconds: seconds(available).toString(),
    unavailableSeconds: seconds(unavailable).toString(),
    availability: a.toString(),
    availabilityPct: a.mul(100).toDecimalPlaces(3, Decimal.ROUND_FLOOR).toFixed(3),
    noRequiredTime,
    runHours: seconds(micros.RUN).div(3600).toString(),
    completeness: new D(1).minus(unknownFraction).toString(),
    unknownFraction: unknownFraction.toString(),
  };
}
