import Decimal from 'decimal.js';
import type { ContractTerms, CreditBand, RateTier, RoundingMode } from './contract-terms';

/** One line of a billing record (spec §5): each amount rounded once to the currency's minor unit. */
export interface ChargeLine {
  kind: 'USAGE' | 'MINIMUM_TRUE_UP' | 'SLA_CREDIT' | 'PRIOR_PERIOD_ADJUSTMENT';
  description: string;
  /** Hours for usage lines. */
  quantity: string | null;
  unitPrice: string | null;
  amount: string;
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  CEIL: Decimal.ROUND_CEIL,
  HALF_UP: Decimal.ROUND_HALF_UP,
  FLOOR: Decimal.ROUND_FLOOR,
};

/** Digits after the point of the currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorUnitDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/** Billable hours from exact microseconds, rounded once (spec §5.1). */
export function roundHours(runUs: bigint, unitHours: string, mode: RoundingMode): Decimal {
  const unit = new D(unitHours);
  return new D(runUs.toString())
    .div(3_600_000_000)
    .div(unit)
    .toDecimalPlaces(0, MODES[mode])
    .mul(unit);
}

/** Usage charge for `hours` at a flat rate or graduated tiers, unrounded. */
export function usageAmount(
  hours: Decimal,
  ratePerHour: string,
  tiers?: readonly RateTier[],
): Decimal {
  if (!tiers || tiers.length === 0) return hours.mul(ratePerHour);
  let left = hours;
  let floor = new D(0);
  let amount = new D(0);
  for (const tier of tiers) {
    if (left.lte(0)) break;
    const width =
      tier.upToHours === null ? left : Decimal.min(left, new D(tier.upToHours).minus(floor));
    if (width.gt(0)) {
      amount = amount.plus(width.mul(tier.ratePerHour));
      left = left.minus(width);
    }
    if (tier.upToHours !== null) floor = new D(tier.upToHours);
  }
  // Hours beyond the last bounded tier are charged at its rate.
  if (left.gt(0)) amount = amount.plus(left.mul(tiers[tiers.length - 1].ratePerHour));
  return amount;
}

/** The credit band for an unrounded availability (half-open `lo <= A < hi`). */
export function creditBand(availability: string, bands: readonly CreditBand[]): CreditBand | null {
  const a = new D(availability);
  return bands.find((b) => a.gte(b.lo) && a.lt(b.hi)) ?? null;
}

export interface ChargeInput {
  /** Billable hours per contract version in force during the period (already rounded per asset). */
  usage: Array<{ terms: ContractTerms; hours: Decimal; label: string }>;
  /** Terms for the period-level lines (the version in force at the period's end). */
  terms: ContractTerms;
  /** Share of the period the contract covered (prorates the minimum commitment). */
  coveredFraction: Decimal;
  availability: string;
  noRequiredTime: boolean;
}

export interface Charges {
  lines: ChargeLine[];
  total: string;
  /** Why a credit was computed but not issued (below the minimum), if so. */
  notes: string[];
}

/** The money lines of a period (spec §5): usage, minimum true-up, SLA credit; each rounded once, total = sum of lines. */
export function periodCharges(input: ChargeInput): Charges {
  const { terms } = input;
  const digits = minorUnitDigits(terms.currency);
  const money = (x: Decimal) => x.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  const lines: ChargeLine[] = [];
  const notes: string[] = [];
  let usageTotal = new D(0);
  for (const u of input.usage) {
    const amount = money(usageAmount(u.hours, u.terms.ratePerHour, u.terms.tiers));
    usageTotal = usageTotal.plus(amount);
    lines.push({
      kind: 'USAGE',
      description: `Operating hours${u.label}`,
      quantity: u.hours.toFixed(),
      unitPrice: u.terms.tiers?.length ? null : u.terms.ratePerHour,
      amount: amount.toFixed(digits),
    });
  }
  const minimum = money(new D(terms.minimumCommitment).mul(input.coveredFraction));
  const trueUp = Decimal.max(0, minimum.minus(usageTotal));
  if (trueUp.gt(0)) {
    lines.push({
      kind: 'MINIMUM_TRUE_UP',
      description: `Minimum commitment ${minimum.toFixed(digits)} ${terms.currency}${input.coveredFraction.lt(1) ? ' (prorated)' : ''}`,
      quantity: null,
      unitPrice: null,
      amount: trueUp.toFixed(digits),
    });
  }
  const credit = slaCredit(input, usageTotal.plus(trueUp), money);
  if (credit.note) notes.push(credit.note);
  if (credit.amount.gt(0)) {
    lines.push({
      kind: 'SLA_CREDIT',
      description: credit.description,
      quantity: null,
      unitPrice: null,
      amount: credit.amount.neg().toFixed(digits),
    });
  }
  const total = lines.reduce((sum, l) => sum.plus(l.amount), new D(0));
  return { lines, total: total.toFixed(digits), notes };
}

function slaCredit(
  input: ChargeInput,
  base: Decimal,
  money: (x: Decimal) => Decimal,
): { amount: Decimal; description: string; note?: string } {
  const { terms } = input;
  const none = { amount: new D(0), description: '' };
  if (input.noRequiredTime || new D(input.availability).gte(terms.slaTarget)) return none;
  const band = creditBand(input.availability, terms.creditBands);
  if (!band) return none;
  const pct = Decimal.min(band.pct, terms.creditCapPct);
  const amount = money(base.mul(pct));
  const description = `Service credit ${pct.mul(100).toFixed()} % (availability below ${new D(terms.slaTarget).mul(100).toFixed()} %)`;
  if (amount.lt(terms.creditMinAmount)) {
    return {
      ...none,
      note: `${description}: ${amount.toFixed()} is below the minimum credit ${terms.creditMinAmount}; not issued`,
    };
  }
  return { amount, description };
}
