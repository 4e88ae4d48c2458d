import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import type { BillingPeriod, Micros } from './billing-period';
import type { AssetService, CalendarWindow, CategoryOverride } from './billing-inputs';
import {
  baseTimeline,
  creditMeterGaps,
  meterHours,
  type MeterAnomaly,
  type MeterSpan,
} from './base-timeline';
import { resolveCategories, type RatedInterval } from './category-resolver';
import type { ContractTerms, ContractVersion } from './contract-terms';
import type { CarryIn, EventColumns } from './event-columns';
import type { QuarantinedEvent } from './event-normalizer';
import { periodCharges, roundHours, type Charges } from './period-charges';
import { addIntervals, periodFigures, zeroMicros, type PeriodFigures } from './period-figures';

/** Bumped whenever the calculation changes: part of every run's key (spec §6). */
export const BILLING_ALGORITHM_VERSION = 'uptime-billing/1';

/** One asset's inputs for a period. */
export interface AssetInput {
  assetId: string;
  service: AssetService | null;
  events: EventColumns;
  carryIn: CarryIn;
}

/** Everything a run depends on (spec §6: a run is a pure function of these). */
export interface RatingInput {
  contractId: string;
  period: BillingPeriod;
  /** The contract's versions; those overlapping the period are used. */
  versions: readonly ContractVersion[];
  /** In asset id order (the run key depends on it); read once, so a generator may stream them. */
  assets: Iterable<AssetInput>;
  windows: readonly CalendarWindow[];
  overrides: readonly CategoryOverride[];
  quarantined?: readonly QuarantinedEvent[];
}

export interface AssetRating {
  assetId: string;
  figures: PeriodFigures;
  /** Billable hours (rounded once) per version index. */
  billableHours: string[];
  meter: MeterSpan | null;
  meterAnomalies: MeterAnomaly[];
}

export interface RatingResult {
  contractId: string;
  period: BillingPeriod;
  algorithm: string;
  /** Version numbers in force during the period, in order (intervals refer to them by index). */
  versions: number[];
  figures: PeriodFigures;
  charges: Charges;
  billableHours: string;
  assets: AssetRating[];
  intervals: RatedInterval[];
  /** Reasons the period must be reviewed before it can be finalised automatically (spec §4). */
  review: string[];
  /** The run key (see {@link ratingDigest}), computed in the same pass over the assets. */
  key: string;
}

/** Options of {@link rateContractPeriod}. */
export interface RatingOptions {
  /** Keep the interval table in the result (default true; a bench may drop it to measure rating alone). */
  keepIntervals?: boolean;
}

/** Rates one contract period (spec §2-§5). Deterministic: the same input gives the same result. */
export function rateContractPeriod(input: RatingInput, options: RatingOptions = {}): RatingResult {
  const { period } = input;
  const versions = versionsInForce(input.versions, period);
  if (versions.length === 0)
    throw new RangeError(
      `contract ${input.contractId} has no version in force during ${period.id}`,
    );
  const terms = versions[versions.length - 1].terms;
  const versionStartsUs = versions.map((v, i) =>
    i === 0 ? Math.min(v.effectiveFromUs, period.startUs) : v.effectiveFromUs,
  );
  const fleet = zeroMicros();
  const assets: AssetRating[] = [];
  const intervals: RatedInterval[] = [];
  const hoursByVersion = versions.map(() => new Decimal(0));
  const review: string[] = [];
  const key = new RunKey(input);
  for (const asset of input.assets) {
    key.addAsset(asset);
    const rated = rateAsset(asset, input, versions, versionStartsUs);
    addIntervals(fleet, rated.intervals);
    if (options.keepIntervals !== false) for (const r of rated.intervals) intervals.push(r);
    rated.rating.billableHours.forEach((h, i) => (hoursByVersion[i] = hoursByVersion[i].plus(h)));
    for (const a of rated.rating.meterAnomalies)
      review.push(`${asset.assetId}: ${a.reason} at ${new Date(a.atUs / 1000).toISOString()}`);
    const mismatch = meterMismatch(rated.rating.meter, rated.intervals);
    if (mismatch) review.push(`${asset.assetId}: ${mismatch}`);
    assets.push(rated.rating);
  }
  const figures = periodFigures(fleet, terms);
  if (new Decimal(figures.unknownFraction).gt(terms.maxUnknownFraction)) {
    review.push(
      `unknown time ${new Decimal(figures.unknownFraction).mul(100).toFixed(2)} % is above ${new Decimal(terms.maxUnknownFraction).mul(100).toFixed()} %`,
    );
  }
  for (const q of input.quarantined ?? [])
    review.push(
      `${q.rejected.assetId}: duplicate event id ${q.rejected.eventId} with a different payload quarantined`,
    );
  const billable = hoursByVersion.reduce((a, b) => a.plus(b), new Decimal(0));
  const charges = periodCharges({
    usage: versions.map((v, i) => ({
      terms: v.terms,
      hours: hoursByVersion[i],
      label: versions.length > 1 ? ` (contract version ${v.version})` : '',
    })),
    terms,
    coveredFraction: coveredFraction(versions, period),
    availability: figures.availability,
    noRequiredTime: figures.noRequiredTime,
  });
  return {
    contractId: input.contractId,
    period,
    algorithm: BILLING_ALGORITHM_VERSION,
    versions: versions.map((v) => v.version),
    figures,
    charges,
    billableHours: billable.toFixed(),
    assets,
    intervals,
    review,
    key: key.hex(),
  };
}

function rateAsset(
  asset: AssetInput,
  input: RatingInput,
  versions: readonly ContractVersion[],
  versionStartsUs: Micros[],
) {
  const { period } = input;
  const terms = versions[versions.length - 1].terms;
  const seg = baseTimeline(
    asset.events,
    asset.carryIn,
    period.startUs,
    period.endUs,
    terms.heartbeatTimeoutSeconds * 1e6,
  );
  const meterAnomalies = creditMeterGaps(seg, asset.events, asset.carryIn);
  const intervals = resolveCategories(seg, {
    assetId: asset.assetId,
    periodStartUs: period.startUs,
    periodEndUs: period.endUs,
    windows: input.windows.filter((w) => w.assetId === null || w.assetId === asset.assetId),
    service: asset.service,
    overrides: input.overrides.filter((o) => o.assetId === asset.assetId),
    versionStartsUs,
    order: terms.categoryOrder,
    plannedNoticeUs: terms.plannedNoticeSeconds * 1e6,
    plannedAllowanceUs: terms.plannedAllowanceSeconds * 1e6,
  });
  const micros = zeroMicros();
  addIntervals(micros, intervals);
  const runByVersion = versions.map(() => 0n);
  for (const r of intervals)
    if (r.category === 'RUN') runByVersion[r.version] += BigInt(r.endUs - r.startUs);
  const meter = meterHours(asset.events, asset.carryIn);
  const billableHours = versions.map((v, i) =>
    v.terms.hoursBasis === 'METER' && meter !== null
      ? roundMeterHours(meter.hours, v.terms)
      : roundHours(runByVersion[i], v.terms.hourRoundingUnit, v.terms.hourRoundingMode).toFixed(),
  );
  return {
    intervals,
    rating: {
      assetId: asset.assetId,
      figures: periodFigures(micros, terms),
      billableHours,
      meter,
      meterAnomalies,
    },
  };
}

function roundMeterHours(hours: number, terms: ContractTerms): string {
  return roundHours(
    BigInt(Math.round(hours * 3_600_000_000)),
    terms.hourRoundingUnit,
    terms.hourRoundingMode,
  ).toFixed();
}

function versionsInForce(
  all: readonly ContractVersion[],
  period: BillingPeriod,
): ContractVersion[] {
  return all
    .filter(
      (v) =>
        v.effectiveFromUs < period.endUs &&
        (v.effectiveToUs === null || v.effectiveToUs > period.startUs),
    )
    .sort((a, b) => a.effectiveFromUs - b.effectiveFromUs);
}

function coveredFraction(versions: readonly ContractVersion[], period: BillingPeriod): Decimal {
  let covered = 0;
  for (const v of versions) {
    const from = Math.max(v.effectiveFromUs, period.startUs);
    const to = Math.min(v.effectiveToUs ?? period.endUs, period.endUs);
    if (to > from) covered += to - from;
  }
  return new Decimal(covered).div(period.endUs - period.startUs);
}

/** When meter and state telemetry both measured hours over the same span and differ by more than 2 % (spec §4). */
function meterMismatch(
  meter: MeterSpan | null,
  intervals: readonly RatedInterval[],
): string | null {
  if (!meter) return null;
  let runUs = 0;
  for (const r of intervals) {
    if (r.category !== 'RUN') continue;
    runUs += Math.max(0, Math.min(r.endUs, meter.toUs) - Math.max(r.startUs, meter.fromUs));
  }
  const state = runUs / 3.6e9;
  const base = Math.max(state, meter.hours);
  if (base === 0 || Math.abs(state - meter.hours) / base <= 0.02) return null;
  return `hour meter (${meter.hours.toFixed(2)} h) and state telemetry (${state.toFixed(2)} h) differ by more than 2 %`;
}

/**
 * The run's key (spec §6): a SHA-256 of everything it depends on (algorithm, contract versions,
 * period, each asset's service dates, carry-in and events, calendars, overrides, quarantine).
 */
export function ratingDigest(input: RatingInput): string {
  const key = new RunKey(input);
  for (const a of input.assets) key.addAsset(a);
  return key.hex();
}

class RunKey {
  private readonly h = createHash('sha256');

  constructor(input: RatingInput) {
    this.canon([BILLING_ALGORITHM_VERSION, input.contractId, input.period]);
    this.canon(versionsInForce(input.versions, input.period));
    this.canon([...input.windows].sort((a, b) => (a.id < b.id ? -1 : 1)));
    this.canon([...input.overrides].sort((a, b) => (a.id < b.id ? -1 : 1)));
    this.canon(
      (input.quarantined ?? []).map((q) => [
        q.rejected.assetId,
        q.rejected.source,
        q.rejected.eventId,
      ]),
    );
  }

  addAsset(a: AssetInput): void {
    this.canon([a.assetId, a.service, a.carryIn, a.events.length]);
    const n = a.events.length;
    this.h.update(new Uint8Array(a.events.atUs.buffer, a.events.atUs.byteOffset, n * 8));
    this.h.update(a.events.kind.subarray(0, n));
    this.h.update(a.events.state.subarray(0, n));
    this.h.update(new Uint8Array(a.events.meter.buffer, a.events.meter.byteOffset, n * 8));
  }

  hex(): string {
    return this.h.digest('hex');
  }

  private canon(value: unknown): void {
    this.h.update(`${JSON.stringify(value)}\n`);
  }
}
