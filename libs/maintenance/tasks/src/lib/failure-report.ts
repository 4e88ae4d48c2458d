import Decimal from 'decimal.js';
import { WorkOrderError } from './work-order.errors';

/** What the technician found: the removed part was defective, nothing was wrong, or something else. */
export type FailureOutcome = 'DEFECT_CONFIRMED_REPLACED' | 'NO_FAULT_FOUND' | 'OTHER';
export const FAILURE_OUTCOMES: readonly FailureOutcome[] = [
  'DEFECT_CONFIRMED_REPLACED',
  'NO_FAULT_FOUND',
  'OTHER',
];

/** Levels of a failure-code hierarchy, top first (Maximo: failure class, problem, cause, remedy). */
export type FailureCodeLevel = 'COMPONENT' | 'PROBLEM' | 'CAUSE' | 'REMEDY';
export const FAILURE_CODE_LEVELS: readonly FailureCodeLevel[] = [
  'COMPONENT',
  'PROBLEM',
  'CAUSE',
  'REMEDY',
];

/** One node of an asset type's failure-code hierarchy; a `COMPONENT` code is the component's name. */
export interface FailureCode {
  code: string;
  level: FailureCodeLevel;
  /** The code one level up; null for a component. */
  parent: string | null;
  description: string;
}

/** A part used by a completed order; `unitCost` (decimal string, 2 decimals) when known. */
export interface PartUsed {
  partNumber: string;
  quantity: number;
  unitCost?: string;
}

/** The failure report a completed order carries. */
export interface FailureReport {
  outcome: FailureOutcome;
  /** A problem, cause or remedy code under the order's component. */
  failureCode: string;
  parts: PartUsed[];
  labourHours: number;
  /** Decimal string per hour, when known: with unit costs it gives the order's cost. */
  labourRate?: string;
}

/** The fields of a report checked at completion, in the order a missing one is named. */
const REQUIRED: ReadonlyArray<keyof FailureReport> = [
  'outcome',
  'failureCode',
  'parts',
  'labourHours',
];

/**
 * The complete report of `given`, or a `WORK_ORDER_INVALID` error naming the first missing field
 * (`report`, `report.outcome`, ...): completing an order requires one.
 */
export function requireReport(given: Partial<FailureReport> | undefined): FailureReport {
  if (!given)
    throw new WorkOrderError(
      'WORK_ORDER_INVALID',
      'report: DONE needs a failure report {outcome, failureCode, parts, labourHours}',
    );
  const missing = REQUIRED.find((field) => given[field] === undefined);
  if (missing) throw new WorkOrderError('WORK_ORDER_INVALID', `report.${missing}: DONE needs it`);
  return given as FailureReport;
}

/**
 * Checks that `failureCode` is a problem, cause or remedy under `component` in `codes` (an asset
 * type's hierarchy); returns its path from the component down.
 */
export function failureCodePath(
  codes: readonly FailureCode[],
  component: string,
  failureCode: string,
): string[] {
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const path: string[] = [];
  for (let c = byCode.get(failureCode); c; c = c.parent === null ? undefined : byCode.get(c.parent))
    path.unshift(c.code);
  if (path.length < 2 || path[0] !== component) {
    const known =
      codes.length === 0
        ? 'the asset type has no failure codes (PUT /api/failure-codes/{assetType})'
        : `not a problem, cause or remedy under ${component}`;
    throw new WorkOrderError('WORK_ORDER_INVALID', `report.failureCode: ${failureCode}: ${known}`);
  }
  return path;
}

/**
 * Checks a hierarchy before it is stored: unique codes, components without a parent, every other
 * code under an existing code of the level just above. Returns the first problem, or null.
 */
export function hierarchyProblem(codes: readonly FailureCode[]): string | null {
  const byCode = new Map<string, FailureCode>();
  for (const c of codes) {
    if (byCode.has(c.code)) return `${c.code}: defined twice`;
    byCode.set(c.code, c);
  }
  for (const c of codes) {
    const level = FAILURE_CODE_LEVELS.indexOf(c.level);
    if (level === 0) {
      if (c.parent !== null) return `${c.code}: a COMPONENT has no parent`;
      continue;
    }
    const parent = c.parent === null ? undefined : byCode.get(c.parent);
    if (!parent) return `${c.code}: parent ${c.parent ?? '(none)'} is not defined`;
    if (FAILURE_CODE_LEVELS.indexOf(parent.level) !== level - 1)
      return `${c.code}: a ${c.level} goes under a ${FAILURE_CODE_LEVELS[level - 1]}, not a ${parent.level}`;
  }
  return null;
}

/**
 * What a report says the work cost: quantity x unit cost of each part plus labour hours x rate,
 * rounded half-even to cents; null when it gives no unit cost and no rate (nothing to price).
 */
export function reportCost(report: FailureReport): string | null {
  const priced =
    report.parts.some((p) => p.unitCost !== undefined) || report.labourRate !== undefined;
  if (!priced) return null;
  const parts = report.parts.reduce(
    (sum, p) => sum.plus(new Decimal(p.unitCost ?? 0).times(p.quantity)),
    new Decimal(0),
  );
  const labour = new Decimal(report.labourRate ?? 0).times(report.labourHours);
  return parts.plus(labour).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
}
