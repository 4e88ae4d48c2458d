/** Decimal strings (two places) to integer cents and back: service money is summed exactly. */
export function toCents(amount: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`not a non-negative amount with at most two decimals: ${amount}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function fromCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${String(cents - whole * 100).padStart(2, '0')}`;
}

/** `cents / n` rounded half up to a cent, as a decimal string; null when n is 0. */
export function centsPer(cents: number, n: number): string | null {
  return n > 0 ? fromCents(Math.round(cents / n)) : null;
}
