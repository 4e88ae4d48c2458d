import { SuccessError } from '../success.error';

/** The quadrants of the strategic value matrix (spec section 8). */
export type Quadrant = 'GROWTH_ENGINE' | 'VALUE_ISLAND' | 'COST_RUIN' | 'PROFIT_EXTRACTOR';

/** The move each quadrant calls for. */
export const QUADRANT_MOVES: Readonly<Record<Quadrant, string>> = Object.freeze({
  GROWTH_ENGINE: 'Keep investing in data and the partner ecosystem.',
  VALUE_ISLAND: 'Productise and reprice the service; cut the cost to serve.',
  COST_RUIN: 'Fix the basics of the service process and its cost first.',
  PROFIT_EXTRACTOR: "Reinvest margin in the customer's experience before they leave.",
});

/** Where low turns high on each axis (defaults: customer value 60, service margin 20 %); a point on a threshold is high. */
export interface MatrixThresholds {
  /** On the customer-value axis, 0-100. */
  customerValue: number;
  /** On the commercial-value axis: service margin in %, -1000 to 100. */
  marginPct: number;
}

export const DEFAULT_MATRIX_THRESHOLDS: Readonly<MatrixThresholds> = Object.freeze({
  customerValue: 60,
  marginPct: 20,
});

/** The inputs of one contract's place in the matrix. */
export interface ContractValueInputs {
  contractId: string;
  tenantId: string;
  /** Health score 0-100 of the contract (section 3), null without inputs. */
  health: number | null;
  /** The availability component 0-100 (availability against target), null without billed periods. */
  availability: number | null;
  /** Service revenue and service cost over the window (provider's currency). */
  revenue: number;
  serviceCost: number;
}

/** A contract (or customer) placed in the matrix, with its inputs. */
export interface MatrixPlacement {
  /** Mean of the health score and availability against target, 0-100. */
  customerValue: number;
  /** Service margin %: (revenue - service cost) / revenue x 100. */
  commercialValue: number;
  quadrant: Quadrant;
  move: string;
}

/**
 * Checks thresholds given as data: exactly `customerValue` (0-100) and `marginPct` (-1000 to 100).
 *
 * @throws SuccessError `SUCCESS_INVALID` naming the offending field.
 */
export function parseMatrixThresholds(value: unknown): MatrixThresholds {
  const v = value as Record<string, unknown>;
  const keys = ['customerValue', 'marginPct'];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SuccessError('SUCCESS_INVALID', 'thresholds: {customerValue, marginPct} expected');
  const extra = Object.keys(v).find((k) => !keys.includes(k));
  if (extra) throw new SuccessError('SUCCESS_INVALID', `thresholds.${extra}: not a threshold`);
  const within = (k: string, lo: number, hi: number) => {
    const x = v[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < lo || x > hi)
      throw new SuccessError('SUCCESS_INVALID', `thresholds.${k}: a number from ${lo} to ${hi}`);
    return x;
  };
  return {
    customerValue: within('customerValue', 0, 100),
    marginPct: within('marginPct', -1000, 100),
  };
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/** The quadrant of a point: high when at or above the threshold. */
export function quadrantOf(
  customerValue: number,
  marginPct: number,
  t: MatrixThresholds,
): Quadrant {
  const highCustomer = customerValue >= t.customerValue;
  const highCommercial = marginPct >= t.marginPct;
  if (highCustomer) return highCommercial ? 'GROWTH_ENGINE' : 'VALUE_ISLAND';
  return highCommercial ? 'PROFIT_EXTRACTOR' : 'COST_RUIN';
}

/** Customer value: the mean of the health score and the availability component that exist; null when neither does. */
export function customerValueOf(
  i: Pick<ContractValueInputs, 'health' | 'availability'>,
): number | null {
  const parts = [i.health, i.availability].filter((x): x is number => x !== null);
  return parts.length ? parts.reduce((s, x) => s + x, 0) / parts.length : null;
}

/** Service margin %, null without revenue. */
export function marginPctOf(revenue: number, serviceCost: number): number | null {
  return revenue > 0 ? (100 * (revenue - serviceCost)) / revenue : null;
}

/** A contract's place, or null when an axis cannot be computed (no health/availability, or no revenue). */
export function placeContract(i: ContractValueInputs, t: MatrixThresholds): MatrixPlacement | null {
  const customerValue = customerValueOf(i);
  const margin = marginPctOf(i.revenue, i.serviceCost);
  if (customerValue === null || margin === null) return null;
  const quadrant = quadrantOf(customerValue, margin, t);
  return {
    customerValue: tenth(customerValue),
    commercialValue: tenth(margin),
    quadrant,
    move: QUADRANT_MOVES[quadrant],
  };
}

/**
 * A customer's place: the revenue-weighted mean of its placed contracts' axes (unrounded), then
 * its quadrant; null when none of its contracts is placed.
 */
export function placeCustomer(
  contracts: ReadonlyArray<{ revenue: number; customerValue: number; commercialValue: number }>,
  t: MatrixThresholds,
): MatrixPlacement | null {
  const revenue = contracts.reduce((s, c) => s + c.revenue, 0);
  if (contracts.length === 0 || revenue <= 0) return null;
  const sorted = [...contracts].sort(
    (a, b) =>
      a.revenue - b.revenue ||
      a.customerValue - b.customerValue ||
      a.commercialValue - b.commercialValue,
  );
  const mean = (pick: (c: (typeof contracts)[number]) => number) =>
    sorted.reduce((s, c) => s + c.revenue * pick(c), 0) / revenue;
  const customerValue = mean((c) => c.customerValue);
  const commercialValue = mean((c) => c.commercialValue);
  const quadrant = quadrantOf(customerValue, commercialValue, t);
  return {
    customerValue: tenth(customerValue),
    commercialValue: tenth(commercialValue),
    quadrant,
    move: QUADRANT_MOVES[quadrant],
  };
}
