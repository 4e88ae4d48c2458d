import Decimal from 'decimal.js';

/** Rounds billable hours once, from exact seconds (spec §5.1; default unit 0.1 h, HALF_UP). */
export function billableHours(runSeconds: number, unitHours = '0.1'): Decimal {
  const unit = new Decimal(unitHours);
  return new Decimal(runSeconds).div(3600).div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(unit);
}

/** Usage charge = rate x hours, rounded once to the currency's minor unit (HALF_UP). */
export function usageCharge(ratePerHour: string, hours: Decimal, minorUnitDigits = 2): Decimal {
  return new Decimal(ratePerHour).mul(hours).toDecimalPlaces(minorUnitDigits, Decimal.ROUND_HALF_UP);
}
