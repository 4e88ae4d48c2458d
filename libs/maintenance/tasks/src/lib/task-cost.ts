import Decimal from 'decimal.js';

/** Digits after the point a task cost keeps (the `tasks.cost numeric(18, 2)` column). */
export const TASK_COST_DECIMALS = 2;
/** The largest cost the column holds: 16 digits before the point. */
const MAX_COST = new Decimal('9999999999999999.99');
const DECIMAL = /^\d+(\.\d+)?$/;

/** Why a task cost is refused, for a 400. */
export class TaskCostError extends Error {
  readonly code = 'VALIDATION';
}

/**
 * A task's cost as the exact decimal string to store: a decimal string (`"1250.50"`) or a number,
 * at least 0, with at most {@link TASK_COST_DECIMALS} decimals, never rounded (money is decimal:
 * a cost that would not be stored exactly is refused). In the currency of the contracts covering
 * the asset (tasks carry none).
 */
export function parseTaskCost(input: string | number): string {
  const text =
    typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const why = 'a decimal amount >= 0 with at most 2 decimals, e.g. "1250.50"';
  // String(number) gives exponent notation for tiny and huge numbers: refused by the pattern too.
  if (!DECIMAL.test(text)) throw new TaskCostError(`cost: ${why}; got ${JSON.stringify(input)}`);
  const value = new Decimal(text);
  if (value.decimalPlaces() > TASK_COST_DECIMALS)
    throw new TaskCostError(`cost: ${why}; ${text} has more decimals`);
  if (value.gt(MAX_COST)) throw new TaskCostError(`cost: at most ${MAX_COST.toFixed()}`);
  return value.toFixed(TASK_COST_DECIMALS);
}
